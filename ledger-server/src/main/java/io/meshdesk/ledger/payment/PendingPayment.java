package io.meshdesk.ledger.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's payment instruction.
 *
 * @param settledAt when it was settled or returned; null while pending
 * @param transactionId the PAYMENT posted by settlement; null unless settled
 */
public record PendingPayment(
    UUID id,
    UUID cardId,
    long amountMinor,
    String currency,
    String reference,
    Status status,
    Instant createdAt,
    Instant settledAt,
    UUID transactionId) {

  /** Where an instruction stands. */
  public enum Status {
    /** Awaiting settlement: no effect on the card. */
    PENDING,
    /** Posted as a PAYMENT transaction. */
    SETTLED,
    /** Cancelled: the funds never arrived; nothing posted. */
    RETURNED
  }
}
