package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.common.v1.LocalDate;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.FeeType;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetStatementRequest;
import io.meshdesk.api.ledger.v1.JournalEntry;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListJournalEntriesRequest;
import io.meshdesk.api.ledger.v1.ListStatementsRequest;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PostFeeRequest;
import io.meshdesk.api.ledger.v1.Posting;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.ReverseRequest;
import io.meshdesk.api.ledger.v1.Statement;
import io.meshdesk.api.ledger.v1.TransactionType;
import io.meshdesk.api.ledger.v1.ViolationKind;
import io.meshdesk.testing.TestTokens;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reversals (fee waivers, interest corrections, returned payments) on real PostgreSQL, through
 * statements and audit.
 */
class LedgerReversalIT {

  static LedgerFixture fx;
  static String product;
  static final UUID holder = UUID.randomUUID();

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("ledgerreversal");
    product = fx.product("Worked examples");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static String fee(String card, long amount, String key) {
    return fx.admin()
        .postFee(
            PostFeeRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(amount))
                .setFeeType(FeeType.FEE_TYPE_ANNUAL)
                .setIdempotencyKey(key)
                .build())
        .getResult()
        .getTransaction()
        .getId();
  }

  private static String pay(String card, long amount, String key) {
    return fx.admin()
        .payment(
            PaymentRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(amount))
                .setIdempotencyKey(key)
                .build())
        .getResult()
        .getTransaction()
        .getId();
  }

  private static void purchase(String card, long amount, String key) {
    fx.admin()
        .purchase(
            PurchaseRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(amount))
                .setMerchant(shop())
                .setIdempotencyKey(key)
                .build());
  }

  private static ReverseRequest reversal(String card, String original, String reason, String key) {
    return ReverseRequest.newBuilder()
        .setCardId(card)
        .setOriginalTransactionId(original)
        .setReason(reason)
        .setIdempotencyKey(key)
        .build();
  }

  private static OperationResult reverse(String card, String original, String reason, String key) {
    return fx.admin().reverse(reversal(card, original, reason, key)).getResult();
  }

  private static Balance balance(String card) {
    return fx.admin()
        .getBalance(GetBalanceRequest.newBuilder().setCardId(card).build())
        .getBalance();
  }

  private static Statement latest(String card) {
    String id =
        fx.admin()
            .listStatements(ListStatementsRequest.newBuilder().setCardId(card).build())
            .getStatements(0)
            .getId();
    return fx.admin()
        .getStatement(GetStatementRequest.newBuilder().setStatementId(id).build())
        .getStatement();
  }

  private static AuditResponse audit(String card) {
    return fx.admin().audit(AuditRequest.newBuilder().setCardId(card).build());
  }

  private static List<ViolationKind> kinds(String card) {
    return audit(card).getViolationsList().stream().map(v -> v.getKind()).toList();
  }

  private static void closeThrough(String date) {
    fx.statements.closeDueCycles(fx.tenant, java.time.LocalDate.parse(date));
  }

  @Test
  void aWaivedFeeIsAMirroringEntryLowersTheBalanceAndIsACreditOnTheNextStatement() {
    fx.clock.set("2025-04-20T09:00:00Z");
    String card = fx.card(product, holder, 100_000, 15);
    String fee = fee(card, 3_500, "fee-" + card);
    fx.clock.set("2025-04-25T09:00:00Z");
    OperationResult r = reverse(card, fee, "goodwill waiver", "waive-" + card);

    assertThat(r.getTransaction().getType())
        .isEqualTo(TransactionType.TRANSACTION_TYPE_FEE_REVERSAL);
    assertThat(r.getTransaction().getAmount().getAmountMinor()).isEqualTo(-3_500);
    assertThat(r.getTransaction().getOriginalTransactionId()).isEqualTo(fee);
    assertThat(r.getTransaction().getDescription()).isEqualTo("goodwill waiver");
    assertThat(balance(card).getPostedBalance().getAmountMinor()).isZero();
    List<JournalEntry> entries =
        fx.admin()
            .listJournalEntries(ListJournalEntriesRequest.newBuilder().setCardId(card).build())
            .getEntriesList();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(1).getPreviousHash()).isEqualTo(entries.get(0).getHash());
    assertThat(entries.get(1).getPostingsList())
        .extracting(Posting::getAccount)
        .containsExactlyElementsOf(
            entries.get(0).getPostingsList().stream().map(Posting::getAccount).toList());
    assertThat(entries.get(1).getPostingsList())
        .extracting(p -> p.getAmount().getAmountMinor())
        .containsExactlyElementsOf(
            entries.get(0).getPostingsList().stream()
                .map(p -> -p.getAmount().getAmountMinor())
                .toList());

    closeThrough("2025-05-16");
    Statement s = latest(card);
    assertThat(s.getFees().getAmountMinor()).isEqualTo(3_500);
    assertThat(s.getPaymentsAndCredits().getAmountMinor()).isEqualTo(3_500);
    assertThat(s.getNewBalance().getAmountMinor()).isZero();
    assertThat(s.getMinimumPayment().getAmountMinor()).isZero();
    assertThat(s.getLinesList())
        .extracting(l -> l.getType())
        .containsExactly(
            TransactionType.TRANSACTION_TYPE_FEE, TransactionType.TRANSACTION_TYPE_FEE_REVERSAL);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void aReturnedPaymentDoesNotPayTheMinimumSoTheCloseMatchesExample10ToTheCent() {
    fx.clock.set("2025-04-01T09:00:00Z");
    String card = fx.card(product, holder, 500_000, 15);
    purchase(card, 50_000, "buy-" + card);
    closeThrough("2025-04-16");
    assertThat(latest(card).getMinimumPayment().getAmountMinor()).isEqualTo(2_500);
    fx.clock.set("2025-05-01T09:00:00Z");
    String payment = pay(card, 50_000, "pay-" + card);
    assertThat(balance(card).getMinimumPaymentDue().getAmountMinor()).isZero();

    fx.clock.set("2025-05-12T09:00:00Z");
    reverse(card, payment, "payment returned: insufficient funds", "return-" + card);
    Balance b = balance(card);
    assertThat(b.getPostedBalance().getAmountMinor()).isEqualTo(50_000);
    assertThat(b.getMinimumPaymentDue().getAmountMinor()).isEqualTo(2_500);

    closeThrough("2025-05-16");
    Statement s = latest(card);
    assertThat(s.getPreviousBalance().getAmountMinor()).isEqualTo(50_000);
    assertThat(s.getPaymentsAndCredits().getAmountMinor()).isZero();
    assertThat(s.getFees().getAmountMinor()).isEqualTo(2_500);
    assertThat(s.getInterest().getAmountMinor()).isEqualTo(482);
    assertThat(s.getNewBalance().getAmountMinor()).isEqualTo(52_982);
    assertThat(s.getMinimumPayment().getAmountMinor()).isEqualTo(3_512);
    assertThat(s.getLinesList())
        .extracting(l -> l.getType())
        .containsExactly(
            TransactionType.TRANSACTION_TYPE_PAYMENT, TransactionType.TRANSACTION_TYPE_FEE,
            TransactionType.TRANSACTION_TYPE_PAYMENT_REVERSAL,
                TransactionType.TRANSACTION_TYPE_INTEREST);
    assertThat(s.getLinesList().get(1).getPostedDate())
        .isEqualTo(LocalDate.newBuilder().setYear(2025).setMonth(5).setDay(10).build());
    assertThat(balance(card).getPostedBalance().getAmountMinor()).isEqualTo(52_982);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void aTransactionIsReversedOnceAndOnlyFeesInterestAndPaymentsAreReversible() {
    fx.clock.set("2025-06-02T09:00:00Z");
    String card = fx.card(product, holder, 100_000, 15);
    String other = fx.card(product, holder, 100_000, 15);
    String fee = fee(card, 1_000, "once-fee-" + card);
    String reversal = reverse(card, fee, "waiver", "once-rev-" + card).getTransaction().getId();

    assertThat(
            LedgerFixture.declineReason(
                () -> fx.admin().reverse(reversal(card, fee, "again", "once-rev2-" + card))))
        .isEqualTo("ALREADY_REVERSED");
    assertThat(
            LedgerFixture.declineReason(
                () -> fx.admin().reverse(reversal(card, reversal, "undo", "once-rev3-" + card))))
        .isEqualTo("NOT_REVERSIBLE");
    purchase(card, 2_000, "once-buy-" + card);
    String buy =
        fx.admin()
            .listTransactions(
                io.meshdesk.api.ledger.v1.ListTransactionsRequest.newBuilder()
                    .setCardId(card)
                    .addTypes(TransactionType.TRANSACTION_TYPE_PURCHASE)
                    .build())
            .getTransactions(0)
            .getId();
    assertThat(
            LedgerFixture.declineReason(
                () -> fx.admin().reverse(reversal(card, buy, "no", "once-rev4-" + card))))
        .isEqualTo("NOT_REVERSIBLE");
    String otherFee = fee(other, 700, "once-ofee-" + other);
    assertThat(
            LedgerFixture.declineReason(
                () -> fx.admin().reverse(reversal(card, otherFee, "x", "once-rev5-" + card))))
        .isEqualTo("ORIGINAL_TRANSACTION_NOT_FOUND");
    // two reversals of one fee in one batch: the second is declined
    var batch =
        fx.admin()
            .batchPost(
                BatchPostRequest.newBuilder()
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setReverse(reversal(other, otherFee, "w", "once-b1-" + other)))
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setReverse(reversal(other, otherFee, "w", "once-b2-" + other)))
                    .build());
    assertThat(batch.getAcceptedCount()).isEqualTo(1);
    assertThat(batch.getResults(1).getResult().getDeclineReason())
        .isEqualTo(io.meshdesk.api.ledger.v1.DeclineReason.DECLINE_REASON_ALREADY_REVERSED);

    assertThat(balance(card).getPostedBalance().getAmountMinor()).isEqualTo(2_000);
    assertThat(balance(other).getPostedBalance().getAmountMinor()).isZero();
    assertThat(audit(card).getSummary().getPassed()).isTrue();
    assertThat(audit(other).getSummary().getPassed()).isTrue();
  }

  @Test
  void aReversalReplaysWithItsKeyAndADifferentRequestWithItIsAConflict() {
    fx.clock.set("2025-06-03T09:00:00Z");
    String card = fx.card(product, holder, 100_000, 15);
    String fee = fee(card, 1_500, "replay-fee-" + card);
    OperationResult first = reverse(card, fee, "waiver", "replay-rev-" + card);
    OperationResult again = reverse(card, fee, "waiver", "replay-rev-" + card);

    assertThat(again.getReplayed()).isTrue();
    assertThat(again.getTransaction().getId()).isEqualTo(first.getTransaction().getId());
    assertThat(fx.count("select count(*) from ledger.txn where card_id = '" + card + "'"))
        .isEqualTo(2);
    assertThat(
            LedgerFixture.declineReason(
                () ->
                    fx.admin().reverse(reversal(card, fee, "other reason", "replay-rev-" + card))))
        .isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(balance(card).getPostedBalance().getAmountMinor()).isZero();
  }

  @Test
  void aReturnedPaymentMayTakeTheCardPastItsLimitAndTheAuditAcceptsIt() {
    fx.clock.set("2025-06-04T09:00:00Z");
    String card = fx.card(product, holder, 10_000, 15);
    purchase(card, 10_000, "over-buy1-" + card);
    String payment = pay(card, 5_000, "over-pay-" + card);
    purchase(card, 5_000, "over-buy2-" + card);
    reverse(card, payment, "returned", "over-rev-" + card);

    Balance b = balance(card);
    assertThat(b.getPostedBalance().getAmountMinor()).isEqualTo(15_000);
    assertThat(b.getAvailableCredit().getAmountMinor()).isEqualTo(-5_000);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void aBatchedReversalNeedsTheAdjustPermissionLikeTheReverseRpc() {
    fx.clock.set("2025-06-06T09:00:00Z");
    String card = fx.card(product, holder, 100_000, 15);
    String fee = fee(card, 1_000, "perm-fee-" + card);
    var postOnly =
        LedgerServiceGrpc.newBlockingStub(fx.grpc.channel())
            .withCallCredentials(
                TestTokens.bearer(
                    fx.tokens.service(fx.tenant, UUID.randomUUID(), Set.of("ledger.post"))));
    BatchPostRequest batch =
        BatchPostRequest.newBuilder()
            .addOperations(
                BatchOperation.newBuilder()
                    .setReverse(reversal(card, fee, "waiver", "perm-rev-" + card)))
            .build();

    assertThatThrownBy(() -> postOnly.batchPost(batch))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription())
                  .contains("operations[0]")
                  .contains("ledger.adjust");
            });
    assertThatThrownBy(() -> postOnly.reverse(reversal(card, fee, "waiver", "perm-rev-" + card)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(balance(card).getPostedBalance().getAmountMinor()).isEqualTo(1_000);
    assertThat(fx.admin().batchPost(batch).getAcceptedCount()).isEqualTo(1);
    assertThat(balance(card).getPostedBalance().getAmountMinor()).isZero();
  }

  @Test
  void theAuditFlagsATransactionReversedTwiceAndAReversalThatNoLongerMirrorsItsOriginal() {
    fx.clock.set("2025-06-05T09:00:00Z");
    String card = fx.card(product, holder, 100_000, 15);
    String fee1 = fee(card, 1_000, "bad-fee1-" + card);
    String fee2 = fee(card, 1_000, "bad-fee2-" + card);
    reverse(card, fee1, "waiver", "bad-rev1-" + card);
    String rev2 = reverse(card, fee2, "waiver", "bad-rev2-" + card).getTransaction().getId();
    assertThat(audit(card).getSummary().getPassed()).isTrue();

    fx.asOwner("update ledger.txn set original_txn_id = '" + fee1 + "' where id = '" + rev2 + "'");
    assertThat(kinds(card))
        .containsExactlyInAnyOrder(
            ViolationKind.VIOLATION_KIND_HASH_MISMATCH,
            ViolationKind.VIOLATION_KIND_DUPLICATE_REVERSAL);
    assertThat(audit(card).getViolationsList())
        .anySatisfy(
            v -> {
              assertThat(v.getKind()).isEqualTo(ViolationKind.VIOLATION_KIND_DUPLICATE_REVERSAL);
              assertThat(v.getEntityId()).isEqualTo(fee1);
            });

    String card2 = fx.card(product, holder, 100_000, 15);
    String fee3 = fee(card2, 1_000, "bad-fee3-" + card2);
    String rev3 = reverse(card2, fee3, "waiver", "bad-rev3-" + card2).getTransaction().getId();
    fx.asOwner("update ledger.txn set amount_minor = -500 where id = '" + rev3 + "'");
    assertThat(kinds(card2))
        .containsExactlyInAnyOrder(
            ViolationKind.VIOLATION_KIND_HASH_MISMATCH,
            ViolationKind.VIOLATION_KIND_REVERSAL_MISMATCH);
  }
}
