package io.meshdesk.ledger.domain;

/** Why a posting operation was declined (mirrors the contract's DeclineReason). */
public enum Decline {
  /** The amount exceeds the available credit. */
  INSUFFICIENT_CREDIT,
  /** The card is frozen. */
  CARD_FROZEN,
  /** The card is closed. */
  CARD_CLOSED,
  /** The amount is not in the card's currency. */
  CURRENCY_MISMATCH,
  /** The hold expired before capture. */
  HOLD_EXPIRED,
  /** The hold was already captured or voided. */
  HOLD_ALREADY_FINAL,
  /** The capture amount exceeds the hold. */
  AMOUNT_EXCEEDS_HOLD,
  /** The idempotency key was used with a different request. */
  IDEMPOTENCY_CONFLICT,
  /** No such card (or not the caller's). */
  CARD_NOT_FOUND,
  /** No such hold. */
  HOLD_NOT_FOUND,
  /** The refunded purchase does not exist on this card. */
  ORIGINAL_TRANSACTION_NOT_FOUND,
  /** Refunds would exceed the purchase. */
  REFUND_EXCEEDS_ORIGINAL,
  /** The amount would overflow the ledger's range. */
  AMOUNT_OUT_OF_RANGE,
  /** The transaction to reverse is not a fee, interest or payment. */
  NOT_REVERSIBLE,
  /** The transaction was reversed already. */
  ALREADY_REVERSED;

  /**
   * True when the operation named a card or hold the caller cannot see (a single RPC answers
   * NOT_FOUND).
   */
  public boolean isNotFound() {
    return this == CARD_NOT_FOUND || this == HOLD_NOT_FOUND;
  }
}
