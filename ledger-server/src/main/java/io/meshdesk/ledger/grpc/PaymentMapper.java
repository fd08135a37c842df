package io.meshdesk.ledger.grpc;

import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.PendingPayment;
import io.meshdesk.api.ledger.v1.PendingPaymentStatus;
import io.meshdesk.api.ledger.v1.SettlementOutcome;
import io.meshdesk.ledger.domain.BalanceView;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.platform.proto.ProtoTime;

/** Maps customers' payment instructions between proto and domain. */
final class PaymentMapper {

  private PaymentMapper() {}

  static PendingPayment pending(io.meshdesk.ledger.payment.PendingPayment p) {
    PendingPayment.Builder b =
        PendingPayment.newBuilder()
            .setId(p.id().toString())
            .setCardId(p.cardId().toString())
            .setAmount(LedgerMapper.money(p.amountMinor(), p.currency()))
            .setReference(p.reference())
            .setStatus(PendingPaymentStatus.valueOf("PENDING_PAYMENT_STATUS_" + p.status()))
            .setCreatedAt(ProtoTime.timestamp(p.createdAt()))
            .setTransactionId(LedgerMapper.id(p.transactionId()));
    if (p.settledAt() != null) {
      b.setSettledAt(ProtoTime.timestamp(p.settledAt()));
    }
    return b.build();
  }

  /**
   * The Payment result of a customer's instruction: accepted, nothing posted, the card as it
   * stands.
   */
  static OperationResult instructed(PendingPayments.Instructed i) {
    return OperationResult.newBuilder()
        .setOutcome(OperationOutcome.OPERATION_OUTCOME_ACCEPTED)
        .setReplayed(i.replayed())
        .setBalance(LedgerMapper.balance(i.balance()))
        .build();
  }

  static io.meshdesk.ledger.payment.PendingPayment.Status outcome(SettlementOutcome o) {
    return o == SettlementOutcome.SETTLEMENT_OUTCOME_SETTLED
        ? io.meshdesk.ledger.payment.PendingPayment.Status.SETTLED
        : io.meshdesk.ledger.payment.PendingPayment.Status.RETURNED;
  }

  /** A balance with the card's pending payments, which no other figure includes. */
  static Balance withPending(BalanceView b, long[] pending) {
    return LedgerMapper.balance(b).toBuilder()
        .setPendingPayments(LedgerMapper.money(pending[0], b.currency()))
        .setPendingPaymentCount((int) pending[1])
        .build();
  }
}
