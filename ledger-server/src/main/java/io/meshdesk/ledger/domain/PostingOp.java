package io.meshdesk.ledger.domain;

import java.time.Duration;
import java.util.UUID;

/**
 * One posting operation. Every operation carries a tenant-scoped idempotency key; {@link
 * #fingerprint()} is what "the same request" means for that key.
 */
public sealed interface PostingOp {

  /** The client's idempotency key. */
  String idempotencyKey();

  /** The operation's kind, stored with its idempotency record. */
  String kind();

  /** A canonical rendering of the request without its key; equal requests render equally. */
  default String fingerprint() {
    String s = toString();
    return s.replace("idempotencyKey=" + idempotencyKey(), "");
  }

  /**
   * Places a hold.
   *
   * @param expiresIn how long the hold lasts
   */
  record Authorize(UUID cardId, long amountMinor, String currency, Merchant merchant, Duration expiresIn,
      String idempotencyKey) implements PostingOp {
    @Override
    public String kind() {
      return "AUTHORIZE";
    }
  }

  /**
   * Captures a hold.
   *
   * @param amountMinor amount to capture, or null for the full hold
   * @param currency currency of {@code amountMinor}, null with it
   */
  record Capture(UUID holdId, Long amountMinor, String currency, String idempotencyKey) implements PostingOp {
    @Override
    public String kind() {
      return "CAPTURE";
    }
  }

  /** Releases a hold. */
  record VoidHold(UUID holdId, String idempotencyKey) implements PostingOp {
    @Override
    public String kind() {
      return "VOID";
    }
  }

  /**
   * Reverses a fee, interest or payment of the card in full.
   *
   * @param reason why; the reversal's statement text
   */
  record Reverse(UUID cardId, UUID originalTxnId, String reason, String idempotencyKey) implements PostingOp {
    @Override
    public String kind() {
      return "REVERSE";
    }
  }

  /**
   * Posts a transaction directly: purchase, cash advance, fee, interest, refund or payment.
   *
   * @param originalTxnId the purchase a refund refers to, or null
   * @param feeType fee kind (FEE only), else empty
   * @param description statement text, empty for the default
   * @param reference external reference, empty if none
   */
  record Direct(TxnType type, UUID cardId, long amountMinor, String currency, Merchant merchant,
      UUID originalTxnId, String feeType, String description, String reference, String idempotencyKey)
      implements PostingOp {
    @Override
    public String kind() {
      return type.name();
    }
  }
}
