package io.meshdesk.ledger.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A card's financial position. */
public record BalanceView(
    UUID cardId,
    CardStatus status,
    String currency,
    long creditLimitMinor,
    long postedBalanceMinor,
    long openHoldsMinor,
    int openHoldCount,
    long lastStatementBalanceMinor,
    long minimumPaymentDueMinor,
    LocalDate paymentDueDate,
    Instant asOf) {

  /** Limit minus balance minus open holds. */
  public long availableCreditMinor() {
    return creditLimitMinor - postedBalanceMinor - openHoldsMinor;
  }
}
