package io.meshdesk.ledger.grpc;

import java.util.UUID;

/** Told about each newly accepted payment after it committed (payment-received reminders). */
@FunctionalInterface
public interface PaymentListener {

  /** A payment was posted (never called for an idempotent replay). */
  void paymentPosted(
      UUID tenantId, UUID cardId, String transactionId, long amountMinor, String currency);

  /** Ignores payments. */
  PaymentListener NONE = (tenant, card, tx, amount, currency) -> {};
}
