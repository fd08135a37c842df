package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meshdesk.api.ledger.v1.AuditPhase;
import io.meshdesk.api.ledger.v1.AuditProgress;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.AuthorizeRequest;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.BatchPostResponse;
import io.meshdesk.api.ledger.v1.CaptureRequest;
import io.meshdesk.api.ledger.v1.DeclineReason;
import io.meshdesk.api.ledger.v1.FeeType;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PostFeeRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitRequest;
import io.meshdesk.api.ledger.v1.ViolationKind;
import io.meshdesk.api.ledger.v1.VoidRequest;
import io.meshdesk.api.ledger.v1.WatchAuditRequest;
import io.meshdesk.api.ledger.v1.WatchAuditResponse;
import io.meshdesk.ledger.audit.AuditCancelledException;
import io.meshdesk.ledger.audit.AuditListener;
import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Postings through the real service chain on real PostgreSQL: limits under races, idempotency,
 * faults, audit (one-shot and streaming its progress).
 */
class LedgerPostingIT {

  static LedgerFixture fx;
  static String product;
  static final UUID holder = UUID.randomUUID();

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("ledgerposting");
    product = fx.product("Classic");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static OperationResult purchase(
      LedgerServiceBlockingStub stub, String card, long amount, String key) {
    return stub.purchase(
            PurchaseRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(amount))
                .setMerchant(shop())
                .setIdempotencyKey(key)
                .build())
        .getResult();
  }

  static long balance(String card) {
    return fx.admin()
        .getBalance(GetBalanceRequest.newBuilder().setCardId(card).build())
        .getBalance()
        .getPostedBalance()
        .getAmountMinor();
  }

  static AuditResponse audit(String card) {
    return fx.admin().audit(AuditRequest.newBuilder().setCardId(card).build());
  }

  @Test
  void racingPurchasesNeverPassTheLimitAndExactlyTheAffordableOnesAreAccepted() throws Exception {
    String card = fx.card(product, holder, 10_000, 15);
    assertThat(purchase(fx.admin(), card, 7_000, "race-setup").getOutcome())
        .isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    List<Future<Object>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
      for (int i = 0; i < 64; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  try {
                    return purchase(fx.admin(), card, 100, "race-" + n);
                  } catch (StatusRuntimeException e) {
                    return e;
                  }
                }));
      }
    }
    int accepted = 0;
    List<String> declineReasons = new ArrayList<>();
    for (Future<Object> f : results) {
      Object r = f.get();
      if (r instanceof OperationResult ok) {
        accepted++;
        assertThat(ok.getOutcome()).isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
        assertThat(ok.getBalance().getPostedBalance().getAmountMinor()).isLessThanOrEqualTo(10_000);
      } else {
        declineReasons.add(
            LedgerFixture.declineReason(
                () -> {
                  throw (StatusRuntimeException) r;
                }));
      }
    }
    assertThat(accepted).isEqualTo(30);
    assertThat(declineReasons).hasSize(34).containsOnly("INSUFFICIENT_CREDIT");
    assertThat(balance(card)).isEqualTo(10_000);
    // the declines wrote their decline records and nothing else
    assertThat(
            fx.count(
                "select count(*) from ledger.operation where card_id = '"
                    + card
                    + "' and outcome = 'DECLINED'"
                    + " and decline_reason = 'INSUFFICIENT_CREDIT'"))
        .isEqualTo(34);
    assertThat(fx.count("select count(*) from ledger.operation where card_id = '" + card + "'"))
        .isEqualTo(65);
    assertThat(fx.count("select count(*) from ledger.txn where card_id = '" + card + "'"))
        .isEqualTo(31);
    assertThat(fx.count("select count(*) from ledger.journal_entry where card_id = '" + card + "'"))
        .isEqualTo(31);
    assertThat(fx.count("select count(*) from ledger.hold where card_id = '" + card + "'"))
        .isZero();
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void declinedPurchaseFailsWithItsReasonWritesOnlyTheDeclineRecordAndReplaysTheSameFailure() {
    String card = fx.card(product, holder, 1_000, 15);

    assertThat(LedgerFixture.declineReason(() -> purchase(fx.admin(), card, 5_000, "declined-1")))
        .isEqualTo("INSUFFICIENT_CREDIT");
    assertThat(
            fx.count(
                "select count(*) from ledger.operation where idempotency_key like '%/declined-1'"
                    + " and outcome = 'DECLINED'"))
        .isEqualTo(1);
    assertThat(fx.count("select count(*) from ledger.txn where card_id = '" + card + "'")).isZero();
    // the same request again: the same failure, nothing new
    assertThat(LedgerFixture.declineReason(() -> purchase(fx.admin(), card, 5_000, "declined-1")))
        .isEqualTo("INSUFFICIENT_CREDIT");
    // the same key for another (affordable) request: a conflict, nothing written
    assertThat(LedgerFixture.declineReason(() -> purchase(fx.admin(), card, 100, "declined-1")))
        .isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(
            fx.count(
                "select count(*) from ledger.operation where idempotency_key like '%/declined-1'"))
        .isEqualTo(1);
    assertThat(fx.count("select count(*) from ledger.txn where card_id = '" + card + "'")).isZero();
    assertThat(balance(card)).isZero();
  }

  @Test
  void concurrentPaymentAndPurchasesSettleToTheExactSum() throws Exception {
    String card = fx.card(product, holder, 50_000, 15);
    List<Future<OperationResult>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 40; i++) {
        int n = i;
        results.add(
            pool.submit(
                () ->
                    n % 4 == 0
                        ? fx.admin()
                            .payment(
                                PaymentRequest.newBuilder()
                                    .setCardId(card)
                                    .setAmount(usd(500))
                                    .setIdempotencyKey("pay-" + n)
                                    .build())
                            .getResult()
                        : purchase(fx.admin(), card, 1_000, "buy-" + n)));
      }
    }
    for (Future<OperationResult> f : results) {
      assertThat(f.get().getOutcome()).isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    }
    assertThat(balance(card)).isEqualTo(30 * 1_000 - 10 * 500);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void retryWithTheSameKeyReturnsTheOriginalResultWithoutASecondPosting() {
    String card = fx.card(product, holder, 10_000, 15);
    OperationResult first = purchase(fx.admin(), card, 1_234, "retry-1");
    OperationResult again = purchase(fx.admin(), card, 1_234, "retry-1");

    assertThat(again.getReplayed()).isTrue();
    assertThat(again.getTransaction().getId()).isEqualTo(first.getTransaction().getId());
    assertThat(balance(card)).isEqualTo(1_234);
    assertThat(
            fx.admin()
                .listTransactions(ListTransactionsRequest.newBuilder().setCardId(card).build())
                .getTransactionsCount())
        .isEqualTo(1);
  }

  @Test
  void sameKeyWithADifferentRequestIsAnIdempotencyConflict() {
    String card = fx.card(product, holder, 10_000, 15);
    purchase(fx.admin(), card, 100, "conflict-1");

    assertThat(LedgerFixture.declineReason(() -> purchase(fx.admin(), card, 200, "conflict-1")))
        .isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(balance(card)).isEqualTo(100);
    assertThat(fx.count("select count(*) from ledger.txn where card_id = '" + card + "'"))
        .isEqualTo(1);
  }

  @Test
  void holdsReserveCreditAndCaptureReleasesTheRemainder() {
    String card = fx.card(product, holder, 10_000, 15);
    OperationResult auth =
        fx.admin()
            .authorize(
                AuthorizeRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(6_000))
                    .setMerchant(shop())
                    .setIdempotencyKey("auth-1")
                    .build())
            .getResult();
    assertThat(auth.getBalance().getAvailableCredit().getAmountMinor()).isEqualTo(4_000);
    assertThat(LedgerFixture.declineReason(() -> purchase(fx.admin(), card, 5_000, "over-hold")))
        .isEqualTo("INSUFFICIENT_CREDIT");

    OperationResult cap =
        fx.admin()
            .capture(
                CaptureRequest.newBuilder()
                    .setHoldId(auth.getHold().getId())
                    .setAmount(usd(5_500))
                    .setIdempotencyKey("cap-1")
                    .build())
            .getResult();
    String voidAfter =
        LedgerFixture.declineReason(
            () ->
                fx.admin()
                    .void_(
                        VoidRequest.newBuilder()
                            .setHoldId(auth.getHold().getId())
                            .setIdempotencyKey("void-1")
                            .build()));

    assertThat(cap.getBalance().getAvailableCredit().getAmountMinor()).isEqualTo(4_500);
    assertThat(voidAfter).isEqualTo("HOLD_ALREADY_FINAL");
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void batchReturnsOneResultPerOperationInOrder() {
    String card = fx.card(product, holder, 1_000, 15);
    BatchPostRequest.Builder req = BatchPostRequest.newBuilder();
    for (int i = 0; i < 12; i++) {
      req.addOperations(
          BatchOperation.newBuilder()
              .setPurchase(
                  PurchaseRequest.newBuilder()
                      .setCardId(card)
                      .setAmount(usd(100))
                      .setMerchant(shop())
                      .setIdempotencyKey("batch-" + i)));
    }
    BatchPostResponse res = fx.admin().batchPost(req.build());

    assertThat(res.getAcceptedCount()).isEqualTo(10);
    assertThat(res.getResults(9).getResult().getOutcome())
        .isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    assertThat(res.getResults(10).getResult().getDeclineReason())
        .isEqualTo(DeclineReason.DECLINE_REASON_INSUFFICIENT_CREDIT);
    assertThat(balance(card)).isEqualTo(1_000);
  }

  @Test
  void mixedBatchesOverSharedCardsNeverDeadlock() throws Exception {
    List<String> cards = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      cards.add(fx.card(product, holder, 10_000_000, 15));
    }
    List<Future<BatchPostResponse>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  BatchPostResponse last = null;
                  for (int round = 0; round < 10; round++) {
                    List<String> order = new ArrayList<>(cards);
                    Collections.shuffle(order);
                    BatchPostRequest.Builder req = BatchPostRequest.newBuilder();
                    for (int i = 0; i < order.size(); i++) {
                      String key = "mix-" + thread + "-" + round + "-" + i;
                      req.addOperations(
                          i % 3 == 0
                              ? BatchOperation.newBuilder()
                                  .setPayment(
                                      PaymentRequest.newBuilder()
                                          .setCardId(order.get(i))
                                          .setAmount(usd(50))
                                          .setIdempotencyKey(key))
                                  .build()
                              : BatchOperation.newBuilder()
                                  .setPurchase(
                                      PurchaseRequest.newBuilder()
                                          .setCardId(order.get(i))
                                          .setAmount(usd(100))
                                          .setMerchant(shop())
                                          .setIdempotencyKey(key))
                                  .build());
                    }
                    last = fx.admin().batchPost(req.build());
                  }
                  return last;
                }));
      }
    }
    for (Future<BatchPostResponse> f : results) {
      assertThat(f.get().getDeclinedCount()).isZero();
    }
    long total = 0;
    for (String card : cards) {
      assertThat(audit(card).getSummary().getPassed()).isTrue();
      total += balance(card);
    }
    assertThat(total).isEqualTo(8 * 10 * (100 * 5 - 50 * 3));
  }

  @Test
  void killedConnectionsLeaveNothingPartialAndRetriesSucceed() throws Exception {
    String card = fx.card(product, holder, 100_000_000, 15);
    String db = TestEnvironment.databaseName(fx.config);
    List<Future<?>> workers = new ArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger killed = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(9)) {
      for (int w = 0; w < 8; w++) {
        int worker = w;
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    String key = "kill-" + worker + "-" + i;
                    while (true) {
                      try {
                        purchase(fx.admin(), card, 100, key);
                        break;
                      } catch (StatusRuntimeException e) {
                        failures.incrementAndGet();
                      }
                    }
                  }
                }));
      }
      workers.add(
          pool.submit(
              () -> {
                for (int k = 0; k < 5; k++) {
                  long before =
                      org.awaitility.Awaitility.await()
                          .ignoreExceptions()
                          .until(() -> balance(card), b -> true);
                  org.awaitility.Awaitility.await()
                      .ignoreExceptions()
                      .until(() -> balance(card) > before || balance(card) == 8 * 40 * 100);
                  killed.addAndGet(TestEnvironment.get().postgres().terminateAppConnections(db));
                }
              }));
      for (Future<?> f : workers) {
        f.get();
      }
    }
    // the fault really happened: connections in use by the pool were terminated
    assertThat(killed.get()).isPositive();
    // The last kill may leave a dead connection that the pool hands out once (UNAVAILABLE,
    // retryable),
    // so the final read retries as a client would.
    assertThat(
            org.awaitility.Awaitility.await()
                .ignoreExceptions()
                .until(() -> balance(card), b -> true))
        .isEqualTo(8 * 40 * 100);
    assertThat(fx.count("select count(*) from ledger.txn where card_id = '" + card + "'"))
        .isEqualTo(8 * 40);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void batchNeedsThePermissionOfEachOperationsOwnRpc() {
    String card = fx.card(product, holder, 10_000, 15);
    LedgerServiceBlockingStub postOnly =
        LedgerServiceGrpc.newBlockingStub(fx.grpc.channel())
            .withCallCredentials(
                TestTokens.bearer(
                    fx.tokens.service(fx.tenant, UUID.randomUUID(), Set.of("ledger.post"))));
    BatchPostRequest withPayment =
        BatchPostRequest.newBuilder()
            .addOperations(
                BatchOperation.newBuilder()
                    .setPurchase(
                        PurchaseRequest.newBuilder()
                            .setCardId(card)
                            .setAmount(usd(300))
                            .setMerchant(shop())
                            .setIdempotencyKey("perm-buy")))
            .addOperations(
                BatchOperation.newBuilder()
                    .setPayment(
                        PaymentRequest.newBuilder()
                            .setCardId(card)
                            .setAmount(usd(100))
                            .setIdempotencyKey("perm-pay")))
            .build();
    BatchPostRequest withFee =
        BatchPostRequest.newBuilder()
            .addOperations(
                BatchOperation.newBuilder()
                    .setPostFee(
                        PostFeeRequest.newBuilder()
                            .setCardId(card)
                            .setAmount(usd(100))
                            .setFeeType(FeeType.FEE_TYPE_ANNUAL)
                            .setIdempotencyKey("perm-fee")))
            .build();

    assertThatThrownBy(() -> postOnly.batchPost(withPayment))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription())
                  .contains("operations[1]")
                  .contains("ledger.pay");
            });
    assertThatThrownBy(() -> postOnly.batchPost(withFee))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription())
                  .contains("operations[0]")
                  .contains("ledger.adjust");
            });
    // nothing ran, not even the permitted purchase
    assertThat(balance(card)).isZero();
    assertThat(
            fx.count("select count(*) from ledger.operation where idempotency_key like '%perm-%'"))
        .isZero();

    LedgerServiceBlockingStub postAndPay =
        LedgerServiceGrpc.newBlockingStub(fx.grpc.channel())
            .withCallCredentials(
                TestTokens.bearer(
                    fx.tokens.service(
                        fx.tenant, UUID.randomUUID(), Set.of("ledger.post", "ledger.pay"))));
    assertThat(postAndPay.batchPost(withPayment).getAcceptedCount()).isEqualTo(2);
    assertThat(balance(card)).isEqualTo(200);
  }

  @Test
  void auditReportsChangedAmountsBrokenHashesAndWrongBalances() {
    String amountCard = fx.card(product, holder, 10_000, 15);
    String hashCard = fx.card(product, holder, 10_000, 15);
    String balanceCard = fx.card(product, holder, 10_000, 15);
    for (String card : List.of(amountCard, hashCard, balanceCard)) {
      purchase(fx.admin(), card, 100, "audit-a-" + card);
      purchase(fx.admin(), card, 200, "audit-b-" + card);
    }
    fx.asOwner(
        "update ledger.posting set amount_minor = amount_minor + 1 where account = 'card:"
            + amountCard
            + ":receivable'");
    fx.asOwner(
        "update ledger.journal_entry set hash = repeat('a', 64) where card_id = '"
            + hashCard
            + "' and sequence = 1");
    fx.asOwner("update ledger.card set balance_minor = 999 where id = '" + balanceCard + "'");

    assertThat(audit(amountCard).getViolationsList())
        .extracting(v -> v.getKind())
        .contains(
            ViolationKind.VIOLATION_KIND_UNBALANCED_ENTRY,
            ViolationKind.VIOLATION_KIND_HASH_MISMATCH,
            ViolationKind.VIOLATION_KIND_BALANCE_MISMATCH);
    assertThat(audit(hashCard).getViolationsList())
        .extracting(v -> v.getKind())
        .contains(
            ViolationKind.VIOLATION_KIND_HASH_MISMATCH, ViolationKind.VIOLATION_KIND_BROKEN_CHAIN);
    AuditResponse balanceAudit = audit(balanceCard);
    assertThat(balanceAudit.getSummary().getPassed()).isFalse();
    assertThat(balanceAudit.getViolationsList())
        .extracting(v -> v.getKind())
        .containsExactly(ViolationKind.VIOLATION_KIND_BALANCE_MISMATCH);
  }

  static List<ViolationKind> kinds(String card) {
    return audit(card).getViolationsList().stream().map(v -> v.getKind()).toList();
  }

  @Test
  void theEntryHashCoversDateMerchantDescriptionAndKeyOfTheTransaction() {
    List<String> cards = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String card = fx.card(product, holder, 10_000, 15);
      purchase(fx.admin(), card, 100, "content-" + card);
      cards.add(card);
    }
    List<String> edits =
        List.of(
            "posted_date = posted_date - 1",
            "merchant_name = 'Elsewhere'",
            "description = 'something else'",
            "idempotency_key = idempotency_key || 'x'");
    for (int i = 0; i < 4; i++) {
      fx.asOwner(
          "update ledger.txn set " + edits.get(i) + " where card_id = '" + cards.get(i) + "'");
    }
    for (String card : cards) {
      assertThat(kinds(card)).contains(ViolationKind.VIOLATION_KIND_HASH_MISMATCH);
    }
  }

  @Test
  void auditReportsADeletedEntryAndATransactionWithoutEntry() {
    String card = fx.card(product, holder, 10_000, 15);
    for (int i = 0; i < 3; i++) {
      purchase(fx.admin(), card, 100, "deleted-" + i + "-" + card);
    }
    String second =
        "(select id from ledger.journal_entry where card_id = '" + card + "' and sequence = 2)";
    fx.asOwner("delete from ledger.posting where entry_id = " + second);
    fx.asOwner("delete from ledger.journal_entry where card_id = '" + card + "' and sequence = 2");

    assertThat(kinds(card))
        .contains(
            ViolationKind.VIOLATION_KIND_BROKEN_CHAIN,
            ViolationKind.VIOLATION_KIND_ORPHAN_TRANSACTION,
            ViolationKind.VIOLATION_KIND_BALANCE_MISMATCH);
  }

  @Test
  void auditReportsAHoldBothCapturedAndVoided() {
    String card = fx.card(product, holder, 10_000, 15);
    OperationResult auth =
        fx.admin()
            .authorize(
                AuthorizeRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(600))
                    .setMerchant(shop())
                    .setIdempotencyKey("cv-auth-" + card)
                    .build())
            .getResult();
    fx.admin()
        .capture(
            CaptureRequest.newBuilder()
                .setHoldId(auth.getHold().getId())
                .setIdempotencyKey("cv-cap-" + card)
                .build());
    assertThat(audit(card).getSummary().getPassed()).isTrue();
    fx.asOwner(
        "update ledger.hold set status = 'VOIDED' where id = '" + auth.getHold().getId() + "'");

    assertThat(kinds(card)).containsExactly(ViolationKind.VIOLATION_KIND_HOLD_INCONSISTENT);
  }

  @Test
  void feesMayPassTheLimitAndALoweredLimitStillChecksLaterSpending() {
    // fees are issuer charges: posted over the limit, and the audit accepts them
    String feeCard = fx.card(product, holder, 1_000, 15);
    purchase(fx.admin(), feeCard, 1_000, "fee-full-" + feeCard);
    fx.admin()
        .postFee(
            PostFeeRequest.newBuilder()
                .setCardId(feeCard)
                .setAmount(usd(500))
                .setFeeType(FeeType.FEE_TYPE_ANNUAL)
                .setIdempotencyKey("fee-over-" + feeCard)
                .build());
    assertThat(balance(feeCard)).isEqualTo(1_500);
    assertThat(audit(feeCard).getSummary().getPassed()).isTrue();

    // spending accepted under a higher limit is fine after the limit is lowered...
    String card = fx.card(product, holder, 10_000, 15);
    purchase(fx.admin(), card, 8_000, "lowered-buy-" + card);
    fx.clock.advance(java.time.Duration.ofSeconds(1));
    fx.admin()
        .updateCreditLimit(
            UpdateCreditLimitRequest.newBuilder()
                .setCardId(card)
                .setNewLimit(usd(5_000))
                .setReason("risk review")
                .build());
    assertThat(audit(card).getSummary().getPassed()).isTrue();
    fx.admin()
        .payment(
            PaymentRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(4_000))
                .setIdempotencyKey("lowered-pay-" + card)
                .build());
    fx.clock.advance(java.time.Duration.ofSeconds(1));
    purchase(fx.admin(), card, 1_000, "lowered-buy2-" + card);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
    // ...but spending past the limit in force when it happened is reported, lowered limit or not
    fx.asOwner(
        "update ledger.limit_change set new_limit_minor = 4000 where card_id = '"
            + card
            + "' and new_limit_minor = 5000");
    assertThat(kinds(card)).containsExactly(ViolationKind.VIOLATION_KIND_OVER_LIMIT);
  }

  @Test
  void otherTenantsAndOtherCustomersSeeNoCard() {
    String card = fx.card(product, holder, 10_000, 15);
    GetCardRequest get = GetCardRequest.newBuilder().setCardId(card).build();

    assertThat(fx.as(fx.tenant, holder, Role.CUSTOMER).getCard(get).getCard().getId())
        .isEqualTo(card);
    assertThatThrownBy(() -> fx.as(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN).getCard(get))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> fx.as(fx.tenant, UUID.randomUUID(), Role.CUSTOMER).getCard(get))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void invalidInputIsRefusedNamingTheFieldAndWritesNothing() {
    String card = fx.card(product, holder, 10_000, 15);
    assertThatThrownBy(() -> purchase(fx.admin(), card, -5, "neg-1"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(StatusProto.fromThrowable(e).getDetailsList().toString())
                  .contains("amount");
            });
    assertThat(balance(card)).isZero();
    // the key was never claimed: using it now posts normally
    assertThat(purchase(fx.admin(), card, 5, "neg-1").getReplayed()).isFalse();
  }

  @Test
  void wrongCurrencyIsDeclined() {
    String card = fx.card(product, holder, 10_000, 15);
    String reason =
        LedgerFixture.declineReason(
            () ->
                fx.admin()
                    .purchase(
                        PurchaseRequest.newBuilder()
                            .setCardId(card)
                            .setAmount(usd(100).toBuilder().setCurrency("EUR"))
                            .setMerchant(shop())
                            .setIdempotencyKey("eur-1")
                            .build()));
    assertThat(reason).isEqualTo("CURRENCY_MISMATCH");
    assertThat(balance(card)).isZero();
  }

  @Test
  void watchedAuditReportsGrowingProgressOverEveryCardAndEndsWithTheOneShotResult() {
    UUID tenant = UUID.randomUUID();
    LedgerServiceBlockingStub admin = fx.as(tenant, UUID.randomUUID(), Role.ADMIN);
    String watched = LedgerFixture.product(admin, "Watched");
    List<String> cards = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String card = LedgerFixture.card(admin, watched, holder, 10_000, 15);
      purchase(admin, card, 100 + i, "watch-" + i);
      cards.add(card);
    }
    LedgerFixture.card(admin, watched, holder, 10_000, 15); // no entries: an empty chain
    fx.asOwner(
        tenant, "update ledger.card set balance_minor = 999 where id = '" + cards.get(0) + "'");

    List<WatchAuditResponse> stream = new ArrayList<>();
    admin.watchAudit(WatchAuditRequest.getDefaultInstance()).forEachRemaining(stream::add);

    List<AuditProgress> progress =
        stream.subList(0, stream.size() - 1).stream().map(WatchAuditResponse::getProgress).toList();
    assertThat(stream.getLast().hasResult()).isTrue();
    assertThat(progress.getFirst().getPhase()).isEqualTo(AuditPhase.AUDIT_PHASE_HASH_CHAINS);
    assertThat(progress).allSatisfy(p -> assertThat(p.getCardsTotal()).isEqualTo(5));
    assertThat(progress)
        .extracting(AuditProgress::getCardsChecked)
        .isSorted()
        .startsWith(0L)
        .contains(1L, 2L, 3L, 4L)
        .endsWith(5L);
    assertThat(progress)
        .extracting(AuditProgress::getPhase)
        .containsSubsequence(
            List.of(AuditPhase.values()).subList(1, AuditPhase.values().length - 1));
    assertThat(progress).extracting(AuditProgress::getPhaseNumber).isSorted();
    assertThat(progress).extracting(AuditProgress::getViolationCount).isSorted().endsWith(1L);
    assertThat(progress.getLast().getEntriesChecked()).isEqualTo(4);
    AuditResponse oneShot = admin.audit(AuditRequest.getDefaultInstance());
    assertThat(withoutTiming(stream.getLast().getResult())).isEqualTo(withoutTiming(oneShot));
    assertThat(oneShot.getViolationsList())
        .extracting(v -> v.getKind())
        .containsExactly(ViolationKind.VIOLATION_KIND_BALANCE_MISMATCH);
  }

  private static AuditResponse withoutTiming(AuditResponse r) {
    return r.toBuilder()
        .setSummary(r.getSummary().toBuilder().clearStartedAt().clearDuration())
        .build();
  }

  @Test
  void watchedAuditRefusesAMalformedCardIdNamingTheFieldAndCallersWithoutTheAuditPermission() {
    WatchAuditRequest bad = WatchAuditRequest.newBuilder().setCardId("not-a-uuid").build();
    assertThatThrownBy(() -> fx.admin().watchAudit(bad).hasNext())
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(StatusProto.fromThrowable(e).getDetailsList().toString())
                  .contains("card_id");
            });
    for (Role role : List.of(Role.CUSTOMER, Role.AGENT, Role.MANAGER)) {
      assertThatThrownBy(
              () ->
                  fx.as(fx.tenant, UUID.randomUUID(), role)
                      .watchAudit(WatchAuditRequest.getDefaultInstance())
                      .hasNext())
          .as(role.name())
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }
  }

  @Test
  void anAuditWhoseListenerCancelsStopsAtItsNextCheck() {
    List<AuditListener.Progress> heard = new ArrayList<>();
    AuditListener cancelsAfterTheFirst =
        new AuditListener() {
          @Override
          public void progress(Progress p) {
            heard.add(p);
          }

          @Override
          public boolean cancelled() {
            return !heard.isEmpty();
          }
        };
    AuditService audit = new AuditService(fx.database.dataSource(), fx.clock);

    assertThatThrownBy(() -> audit.audit(fx.tenant, null, 10, cancelsAfterTheFirst))
        .isInstanceOf(AuditCancelledException.class);
    assertThat(heard).hasSize(1);
  }
}
