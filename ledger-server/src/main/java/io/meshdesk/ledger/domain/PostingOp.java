package io.meshdesk.ledger.domain;

import java.time.Duration;
import java.util.UUID;

/**
 * One posting operation. Every operation carries an idempotency key, unique per tenant as stored
 * (callers' keys are scoped per caller first, see {@link IdempotencyScope}); {@link #fingerprint()}
 * is what "the same request" means for that key.
 */
public sealed interface PostingOp {

  /** The client's idempotency key. */
  String idempotencyKey();

  /** The operation's kind, stored with its idempotency record. */
  String kind();

  /** The same operation under another idempotency key. */
  PostingOp withIdempotencyKey(String key);

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
  record Authorize(
      UUID cardId,
      long amountMinor,
      String currency,
      Merchant merchant,
      Duration expiresIn,
      String idempotencyKey)
      implements PostingOp {
    @Override
    public String kind() {
      return "AUTHORIZE";
    }

    @Override
    public Authorize withIdempotencyKey(String key) {
      return new Authorize(cardId, amountMinor, currency, merchant, expiresIn, key);
    }
  }

  /**
   * Captures a hold.
   *
   * @param amountMinor amount to capture, or null for the full hold
   * @param currency currency of {@code amountMinor}, null with it
   */
  record Capture(UUID holdId, Long amountMinor, String currency, String idempotencyKey)
      implements PostingOp {
    @Override
    public String kind() {
      return "CAPTURE";
    }

    @Override
    public Capture withIdempotencyKey(String key) {
      return new Capture(holdId, amountMinor, currency, key);
    }
  }

  /** Releases a hold. */
  record VoidHold(UUID holdId, String idempotencyKey) implements PostingOp {
    @Override
    public String kind() {
      return "VOID";
    }

    @Override
    public VoidHold withIdempotencyKey(String key) {
      return new VoidHold(holdId, key);
    }
  }

  /**
   * Reverses a fee, interest or payment of the card in full.
   *
   * @param reason why; the reversal's statement text
   */
  record Reverse(UUID cardId, UUID originalTxnId, String reason, String idempotencyKey)
      implements PostingOp {
    @Override
    public String kind() {
      return "REVERSE";
    }

    @Override
    public Reverse withIdempotencyKey(String key) {
      return new Reverse(cardId, originalTxnId, reason, key);
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
  record Direct(
      TxnType type,
      UUID cardId,
      long amountMinor,
      String currency,
      Merchant merchant,
      UUID originalTxnId,
      String feeType,
      String description,
      String reference,
      String idempotencyKey)
      implements PostingOp {
    @Override
    public String kind() {
      return type.name();
    }

    @Override
    public Direct withIdempotencyKey(String key) {
      return new Direct(
          type,
          cardId,
          amountMinor,
          currency,
          merchant,
          originalTxnId,
          feeType,
          description,
          reference,
          key);
    }
  }
}
