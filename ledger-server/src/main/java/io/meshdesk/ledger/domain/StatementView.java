package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A stored statement. */
public record StatementView(
    UUID id,
    UUID cardId,
    String currency,
    LocalDate periodStart,
    LocalDate periodEnd,
    long previousBalanceMinor,
    long paymentsAndCreditsMinor,
    long purchasesMinor,
    long cashAdvancesMinor,
    long feesMinor,
    long interestMinor,
    long newBalanceMinor,
    long minimumPaymentMinor,
    LocalDate dueDate,
    long creditLimitMinor,
    long availableCreditMinor,
    List<StatementLineView> lines,
    Instant generatedAt) {}
