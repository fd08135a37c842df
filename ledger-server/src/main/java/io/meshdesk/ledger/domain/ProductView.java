package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.util.UUID;

/** A card product. */
public record ProductView(
    UUID id,
    String name,
    String network,
    String currency,
    int purchaseAprBps,
    int cashAdvanceAprBps,
    int graceDays,
    long minPaymentFloorMinor,
    int minPaymentPercentBps,
    long lateFeeMinor,
    Instant createdAt) {}
