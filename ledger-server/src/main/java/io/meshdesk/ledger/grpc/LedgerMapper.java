package io.meshdesk.ledger.grpc;

import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.common.v1.LocalDate;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CardProduct;
import io.meshdesk.api.ledger.v1.CardStatus;
import io.meshdesk.api.ledger.v1.DeclineReason;
import io.meshdesk.api.ledger.v1.FeeType;
import io.meshdesk.api.ledger.v1.Hold;
import io.meshdesk.api.ledger.v1.HoldStatus;
import io.meshdesk.api.ledger.v1.JournalEntry;
import io.meshdesk.api.ledger.v1.LimitChange;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.Posting;
import io.meshdesk.api.ledger.v1.Statement;
import io.meshdesk.api.ledger.v1.StatementLine;
import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.api.ledger.v1.TransactionType;
import io.meshdesk.ledger.domain.BalanceView;
import io.meshdesk.ledger.domain.CardView;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.IdempotencyScope;
import io.meshdesk.ledger.domain.JournalEntryView;
import io.meshdesk.ledger.domain.LimitChangeView;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingView;
import io.meshdesk.ledger.domain.ProductView;
import io.meshdesk.ledger.domain.StatementLineView;
import io.meshdesk.ledger.domain.StatementView;
import io.meshdesk.ledger.domain.TxnView;
import java.util.UUID;

/** Maps ledger read models to their contract messages. */
final class LedgerMapper {

  private LedgerMapper() {}

  static Money money(long minor, String currency) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
  }

  static LocalDate date(java.time.LocalDate d) {
    return LocalDate.newBuilder()
        .setYear(d.getYear())
        .setMonth(d.getMonthValue())
        .setDay(d.getDayOfMonth())
        .build();
  }

  static String id(UUID id) {
    return id == null ? "" : id.toString();
  }

  static CardProduct product(ProductView p) {
    return CardProduct.newBuilder()
        .setId(p.id().toString())
        .setName(p.name())
        .setNetwork(CardNetwork.valueOf("CARD_NETWORK_" + p.network()))
        .setCurrency(p.currency())
        .setPurchaseAprBps(p.purchaseAprBps())
        .setCashAdvanceAprBps(p.cashAdvanceAprBps())
        .setGraceDays(p.graceDays())
        .setMinPayment(
            MinimumPaymentRule.newBuilder()
                .setFloor(money(p.minPaymentFloorMinor(), p.currency()))
                .setPercentBps(p.minPaymentPercentBps()))
        .setLateFee(money(p.lateFeeMinor(), p.currency()))
        .setCreatedAt(timestamp(p.createdAt()))
        .build();
  }

  static Card card(CardView c) {
    Card.Builder b =
        Card.newBuilder()
            .setId(c.id().toString())
            .setProductId(c.productId().toString())
            .setHolderUserId(c.holderUserId().toString())
            .setStatus(CardStatus.valueOf("CARD_STATUS_" + c.status()))
            .setCreditLimit(money(c.creditLimitMinor(), c.currency()))
            .setBillingCycleDay(c.billingCycleDay())
            .setNextStatementDate(date(c.nextStatementDate()))
            .setCreatedAt(timestamp(c.createdAt()))
            .setUpdatedAt(timestamp(c.updatedAt()));
    if (c.closedAt() != null) {
      b.setClosedAt(timestamp(c.closedAt()));
    }
    return b.build();
  }

  static LimitChange limitChange(LimitChangeView l) {
    boolean user = !"SYSTEM".equals(l.actorKind());
    return LimitChange.newBuilder()
        .setId(l.id().toString())
        .setCardId(l.cardId().toString())
        .setPreviousLimit(money(l.previousLimitMinor(), l.currency()))
        .setNewLimit(money(l.newLimitMinor(), l.currency()))
        .setReason(l.reason())
        .setChangedAt(timestamp(l.changedAt()))
        .setChangedBy(
            Actor.newBuilder()
                .setKind(ActorKind.valueOf("ACTOR_KIND_" + l.actorKind()))
                .setId(user ? l.actorId() : ""))
        .build();
  }

  static Merchant merchant(io.meshdesk.ledger.domain.Merchant m) {
    return Merchant.newBuilder()
        .setName(m.name())
        .setMcc(m.mcc())
        .setCountry(m.country())
        .setCity(m.city())
        .setMerchantId(m.merchantId())
        .build();
  }

  static Hold hold(HoldView h) {
    Hold.Builder b =
        Hold.newBuilder()
            .setId(h.id().toString())
            .setCardId(h.cardId().toString())
            .setAmount(money(h.amountMinor(), h.currency()))
            .setCapturedAmount(money(h.capturedMinor(), h.currency()))
            .setStatus(HoldStatus.valueOf("HOLD_STATUS_" + h.status()))
            .setMerchant(merchant(h.merchant()))
            .setCreatedAt(timestamp(h.createdAt()))
            .setExpiresAt(timestamp(h.expiresAt()));
    if (h.finalizedAt() != null) {
      b.setFinalizedAt(timestamp(h.finalizedAt()));
    }
    return b.build();
  }

  static Transaction txn(TxnView t) {
    Transaction.Builder b =
        Transaction.newBuilder()
            .setId(t.id().toString())
            .setCardId(t.cardId().toString())
            .setType(TransactionType.valueOf("TRANSACTION_TYPE_" + t.type()))
            .setAmount(money(t.amountMinor(), t.currency()))
            .setHoldId(id(t.holdId()))
            .setOriginalTransactionId(id(t.originalTxnId()))
            .setDescription(t.description())
            .setReference(t.reference())
            .setIdempotencyKey(IdempotencyScope.clientKey(t.idempotencyKey()))
            .setJournalEntryId(t.journalEntryId().toString())
            .setPostedAt(timestamp(t.postedAt()))
            .setStatementId(id(t.statementId()));
    if (!t.merchant().isEmpty()) {
      b.setMerchant(merchant(t.merchant()));
    }
    if (t.feeType() != null && !t.feeType().isEmpty()) {
      b.setFeeType(FeeType.valueOf("FEE_TYPE_" + t.feeType()));
    }
    return b.build();
  }

  static Balance balance(BalanceView b) {
    Balance.Builder out =
        Balance.newBuilder()
            .setCardId(b.cardId().toString())
            .setCardStatus(CardStatus.valueOf("CARD_STATUS_" + b.status()))
            .setCreditLimit(money(b.creditLimitMinor(), b.currency()))
            .setPostedBalance(money(b.postedBalanceMinor(), b.currency()))
            .setOpenHolds(money(b.openHoldsMinor(), b.currency()))
            .setOpenHoldCount(b.openHoldCount())
            .setAvailableCredit(money(b.availableCreditMinor(), b.currency()))
            .setLastStatementBalance(money(b.lastStatementBalanceMinor(), b.currency()))
            .setMinimumPaymentDue(money(b.minimumPaymentDueMinor(), b.currency()))
            .setAsOf(timestamp(b.asOf()));
    if (b.paymentDueDate() != null) {
      out.setPaymentDueDate(date(b.paymentDueDate()));
    }
    return out.build();
  }

  static OperationResult result(OpResult r) {
    OperationResult.Builder b =
        OperationResult.newBuilder()
            .setOutcome(
                r.accepted()
                    ? OperationOutcome.OPERATION_OUTCOME_ACCEPTED
                    : OperationOutcome.OPERATION_OUTCOME_DECLINED)
            .setReplayed(r.replayed());
    if (r.decline() != null) {
      b.setDeclineReason(DeclineReason.valueOf("DECLINE_REASON_" + r.decline()))
          .setDeclineDetail(r.detail());
    }
    if (r.hold() != null) {
      b.setHold(hold(r.hold()));
    }
    if (r.txn() != null) {
      b.setTransaction(txn(r.txn()));
    }
    if (r.balance() != null) {
      b.setBalance(balance(r.balance()));
    }
    return b.build();
  }

  static JournalEntry entry(JournalEntryView e) {
    JournalEntry.Builder b =
        JournalEntry.newBuilder()
            .setId(e.id().toString())
            .setCardId(e.cardId().toString())
            .setSequence(e.sequence())
            .setTransactionId(e.transactionId().toString())
            .setPostedAt(timestamp(e.postedAt()))
            .setHash(e.hash())
            .setPreviousHash(e.previousHash());
    for (PostingView p : e.postings()) {
      b.addPostings(
          Posting.newBuilder()
              .setAccount(p.account())
              .setAmount(money(p.amountMinor(), p.currency())));
    }
    return b.build();
  }

  static Statement statement(StatementView s) {
    String cur = s.currency();
    Statement.Builder b =
        Statement.newBuilder()
            .setId(s.id().toString())
            .setCardId(s.cardId().toString())
            .setPeriodStart(date(s.periodStart()))
            .setPeriodEnd(date(s.periodEnd()))
            .setPreviousBalance(money(s.previousBalanceMinor(), cur))
            .setPaymentsAndCredits(money(s.paymentsAndCreditsMinor(), cur))
            .setPurchases(money(s.purchasesMinor(), cur))
            .setCashAdvances(money(s.cashAdvancesMinor(), cur))
            .setFees(money(s.feesMinor(), cur))
            .setInterest(money(s.interestMinor(), cur))
            .setNewBalance(money(s.newBalanceMinor(), cur))
            .setMinimumPayment(money(s.minimumPaymentMinor(), cur))
            .setDueDate(date(s.dueDate()))
            .setCreditLimit(money(s.creditLimitMinor(), cur))
            .setAvailableCredit(money(s.availableCreditMinor(), cur))
            .setGeneratedAt(timestamp(s.generatedAt()));
    for (StatementLineView l : s.lines()) {
      b.addLines(
          StatementLine.newBuilder()
              .setTransactionId(id(l.transactionId()))
              .setPostedDate(date(l.postedDate()))
              .setType(TransactionType.valueOf("TRANSACTION_TYPE_" + l.type()))
              .setDescription(l.description())
              .setAmount(money(l.amountMinor(), cur)));
    }
    return b.build();
  }
}
