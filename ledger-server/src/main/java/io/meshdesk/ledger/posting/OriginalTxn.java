package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.TxnType;
import java.util.UUID;

/**
 * A transaction a refund or reversal refers to (read under the card lock), with what was refunded
 * so far and whether it was reversed; updated in memory as a batch applies.
 */
final class OriginalTxn {
  final UUID cardId;
  final TxnType type;
  final long amount;
  final Merchant merchant;
  long refunded;
  boolean reversed;

  OriginalTxn(
      UUID cardId, TxnType type, long amount, Merchant merchant, long refunded, boolean reversed) {
    this.cardId = cardId;
    this.type = type;
    this.amount = amount;
    this.merchant = merchant;
    this.refunded = refunded;
    this.reversed = reversed;
  }
}
