package io.meshdesk.ledger.cards;

/** What defines a card product; amounts in minor units of {@code currency}. */
public record ProductSpec(
    String name,
    String network,
    String currency,
    int purchaseAprBps,
    int cashAdvanceAprBps,
    int graceDays,
    long minPaymentFloorMinor,
    int minPaymentPercentBps,
    long lateFeeMinor) {}
