package io.meshdesk.ledger.domain;

/**
 * The effect of one posting operation.
 *
 * @param accepted whether it committed
 * @param decline why not, null when accepted
 * @param detail human-readable decline detail, empty when accepted
 * @param replayed true when an earlier identical request's result is returned
 * @param hold the hold placed, captured or voided, or null
 * @param txn the posted transaction, or null
 * @param balance the card's balance after the operation, or null when the card is unknown
 */
public record OpResult(
    boolean accepted,
    Decline decline,
    String detail,
    boolean replayed,
    HoldView hold,
    TxnView txn,
    BalanceView balance) {

  /** A decline. */
  public static OpResult declined(Decline reason, String detail, BalanceView balance) {
    return new OpResult(false, reason, detail, false, null, null, balance);
  }

  /** The same result marked as a replay. */
  public OpResult asReplay() {
    return new OpResult(accepted, decline, detail, true, hold, txn, balance);
  }
}
