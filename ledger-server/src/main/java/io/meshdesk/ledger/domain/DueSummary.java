package io.meshdesk.ledger.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What a cardholder owes on their latest statement, for reminders.
 *
 * @param paidSinceCloseMinor payments posted after the statement closed
 * @param remainingMinimumMinor minimum payment not yet covered by those payments
 */
public record DueSummary(
    UUID cardId,
    UUID holderUserId,
    UUID statementId,
    String currency,
    LocalDate periodEnd,
    LocalDate dueDate,
    long newBalanceMinor,
    long minimumPaymentMinor,
    long paidSinceCloseMinor,
    long remainingMinimumMinor) {}
