package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.AuthorizeRequest;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.BatchPostResponse;
import io.meshdesk.api.ledger.v1.CaptureRequest;
import io.meshdesk.api.ledger.v1.DeclineReason;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.ViolationKind;
import io.meshdesk.api.ledger.v1.VoidRequest;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.testing.TestEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Postings through the real service chain on real PostgreSQL: limits under races, idempotency, faults, audit. */
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

  static OperationResult purchase(LedgerServiceBlockingStub stub, String card, long amount, String key) {
    return stub.purchase(PurchaseRequest.newBuilder().setCardId(card).setAmount(usd(amount)).setMerchant(shop())
        .setIdempotencyKey(key).build()).getResult();
  }

  static long balance(String card) {
    return fx.admin().getBalance(GetBalanceRequest.newBuilder().setCardId(card).build()).getBalance()
        .getPostedBalance().getAmountMinor();
  }

  static AuditResponse audit(String card) {
    return fx.admin().audit(AuditRequest.newBuilder().setCardId(card).build());
  }

  @Test
  void racingPurchasesNeverPassTheLimitAndExactlyTheAffordableOnesAreAccepted() throws Exception {
    String card = fx.card(product, holder, 10_000, 15);
    assertThat(purchase(fx.admin(), card, 7_000, "race-setup").getOutcome()).isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    AtomicInteger accepted = new AtomicInteger();
    List<Future<OperationResult>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
      for (int i = 0; i < 64; i++) {
        int n = i;
        results.add(pool.submit(() -> purchase(fx.admin(), card, 100, "race-" + n)));
      }
    }
    for (Future<OperationResult> f : results) {
      OperationResult r = f.get();
      if (r.getOutcome() == OperationOutcome.OPERATION_OUTCOME_ACCEPTED) {
        accepted.incrementAndGet();
        assertThat(r.getBalance().getPostedBalance().getAmountMinor()).isLessThanOrEqualTo(10_000);
      } else {
        assertThat(r.getDeclineReason()).isEqualTo(DeclineReason.DECLINE_REASON_INSUFFICIENT_CREDIT);
      }
    }
    assertThat(accepted.get()).isEqualTo(30);
    assertThat(balance(card)).isEqualTo(10_000);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void concurrentPaymentAndPurchasesSettleToTheExactSum() throws Exception {
    String card = fx.card(product, holder, 50_000, 15);
    List<Future<OperationResult>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 40; i++) {
        int n = i;
        results.add(pool.submit(() -> n % 4 == 0
            ? fx.admin().payment(PaymentRequest.newBuilder().setCardId(card).setAmount(usd(500))
                .setIdempotencyKey("pay-" + n).build()).getResult()
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
    assertThat(fx.admin().listTransactions(ListTransactionsRequest.newBuilder().setCardId(card).build())
        .getTransactionsCount()).isEqualTo(1);
  }

  @Test
  void sameKeyWithADifferentRequestIsAnIdempotencyConflict() {
    String card = fx.card(product, holder, 10_000, 15);
    purchase(fx.admin(), card, 100, "conflict-1");
    OperationResult other = purchase(fx.admin(), card, 200, "conflict-1");

    assertThat(other.getOutcome()).isEqualTo(OperationOutcome.OPERATION_OUTCOME_DECLINED);
    assertThat(other.getDeclineReason()).isEqualTo(DeclineReason.DECLINE_REASON_IDEMPOTENCY_CONFLICT);
    assertThat(balance(card)).isEqualTo(100);
  }

  @Test
  void holdsReserveCreditAndCaptureReleasesTheRemainder() {
    String card = fx.card(product, holder, 10_000, 15);
    OperationResult auth = fx.admin().authorize(AuthorizeRequest.newBuilder().setCardId(card).setAmount(usd(6_000))
        .setMerchant(shop()).setIdempotencyKey("auth-1").build()).getResult();
    assertThat(auth.getBalance().getAvailableCredit().getAmountMinor()).isEqualTo(4_000);
    assertThat(purchase(fx.admin(), card, 5_000, "over-hold").getDeclineReason())
        .isEqualTo(DeclineReason.DECLINE_REASON_INSUFFICIENT_CREDIT);

    OperationResult cap = fx.admin().capture(CaptureRequest.newBuilder().setHoldId(auth.getHold().getId())
        .setAmount(usd(5_500)).setIdempotencyKey("cap-1").build()).getResult();
    OperationResult voidAfter = fx.admin().void_(VoidRequest.newBuilder().setHoldId(auth.getHold().getId())
        .setIdempotencyKey("void-1").build()).getResult();

    assertThat(cap.getBalance().getAvailableCredit().getAmountMinor()).isEqualTo(4_500);
    assertThat(voidAfter.getDeclineReason()).isEqualTo(DeclineReason.DECLINE_REASON_HOLD_ALREADY_FINAL);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
  }

  @Test
  void batchReturnsOneResultPerOperationInOrder() {
    String card = fx.card(product, holder, 1_000, 15);
    BatchPostRequest.Builder req = BatchPostRequest.newBuilder();
    for (int i = 0; i < 12; i++) {
      req.addOperations(BatchOperation.newBuilder().setPurchase(PurchaseRequest.newBuilder().setCardId(card)
          .setAmount(usd(100)).setMerchant(shop()).setIdempotencyKey("batch-" + i)));
    }
    BatchPostResponse res = fx.admin().batchPost(req.build());

    assertThat(res.getAcceptedCount()).isEqualTo(10);
    assertThat(res.getResults(9).getResult().getOutcome()).isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    assertThat(res.getResults(10).getResult().getDeclineReason()).isEqualTo(DeclineReason.DECLINE_REASON_INSUFFICIENT_CREDIT);
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
        results.add(pool.submit(() -> {
          BatchPostResponse last = null;
          for (int round = 0; round < 10; round++) {
            List<String> order = new ArrayList<>(cards);
            Collections.shuffle(order);
            BatchPostRequest.Builder req = BatchPostRequest.newBuilder();
            for (int i = 0; i < order.size(); i++) {
              String key = "mix-" + thread + "-" + round + "-" + i;
              req.addOperations(i % 3 == 0
                  ? BatchOperation.newBuilder().setPayment(PaymentRequest.newBuilder().setCardId(order.get(i))
                      .setAmount(usd(50)).setIdempotencyKey(key)).build()
                  : BatchOperation.newBuilder().setPurchase(PurchaseRequest.newBuilder().setCardId(order.get(i))
                      .setAmount(usd(100)).setMerchant(shop()).setIdempotencyKey(key)).build());
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
    try (ExecutorService pool = Executors.newFixedThreadPool(9)) {
      for (int w = 0; w < 8; w++) {
        int worker = w;
        workers.add(pool.submit(() -> {
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
      workers.add(pool.submit(() -> {
        for (int k = 0; k < 5; k++) {
          long before = org.awaitility.Awaitility.await().ignoreExceptions().until(() -> balance(card), b -> true);
          org.awaitility.Awaitility.await().ignoreExceptions().until(() -> balance(card) > before || balance(card) == 8 * 40 * 100);
          TestEnvironment.get().postgres().terminateAppConnections(db);
        }
      }));
      for (Future<?> f : workers) {
        f.get();
      }
    }
    assertThat(balance(card)).isEqualTo(8 * 40 * 100);
    assertThat(audit(card).getSummary().getPassed()).isTrue();
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
    fx.asOwner("update ledger.posting set amount_minor = amount_minor + 1 where account = 'card:" + amountCard
        + ":receivable'");
    fx.asOwner("update ledger.journal_entry set hash = repeat('a', 64) where card_id = '" + hashCard
        + "' and sequence = 1");
    fx.asOwner("update ledger.card set balance_minor = 999 where id = '" + balanceCard + "'");

    assertThat(audit(amountCard).getViolationsList()).extracting(v -> v.getKind())
        .contains(ViolationKind.VIOLATION_KIND_UNBALANCED_ENTRY, ViolationKind.VIOLATION_KIND_HASH_MISMATCH,
            ViolationKind.VIOLATION_KIND_BALANCE_MISMATCH);
    assertThat(audit(hashCard).getViolationsList()).extracting(v -> v.getKind())
        .contains(ViolationKind.VIOLATION_KIND_HASH_MISMATCH, ViolationKind.VIOLATION_KIND_BROKEN_CHAIN);
    AuditResponse balanceAudit = audit(balanceCard);
    assertThat(balanceAudit.getSummary().getPassed()).isFalse();
    assertThat(balanceAudit.getViolationsList()).extracting(v -> v.getKind())
        .containsExactly(ViolationKind.VIOLATION_KIND_BALANCE_MISMATCH);
  }

  @Test
  void otherTenantsAndOtherCustomersSeeNoCard() {
    String card = fx.card(product, holder, 10_000, 15);
    GetCardRequest get = GetCardRequest.newBuilder().setCardId(card).build();

    assertThat(fx.as(fx.tenant, holder, Role.CUSTOMER).getCard(get).getCard().getId()).isEqualTo(card);
    assertThatThrownBy(() -> fx.as(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN).getCard(get))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> fx.as(fx.tenant, UUID.randomUUID(), Role.CUSTOMER).getCard(get))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void invalidInputIsRefusedNamingTheFieldAndWritesNothing() {
    String card = fx.card(product, holder, 10_000, 15);
    assertThatThrownBy(() -> purchase(fx.admin(), card, -5, "neg-1"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(StatusProto.fromThrowable(e).getDetailsList().toString()).contains("amount");
        });
    assertThat(balance(card)).isZero();
    // the key was never claimed: using it now posts normally
    assertThat(purchase(fx.admin(), card, 5, "neg-1").getReplayed()).isFalse();
  }

  @Test
  void wrongCurrencyIsDeclined() {
    String card = fx.card(product, holder, 10_000, 15);
    OperationResult r = fx.admin().purchase(PurchaseRequest.newBuilder().setCardId(card)
        .setAmount(usd(100).toBuilder().setCurrency("EUR")).setMerchant(shop()).setIdempotencyKey("eur-1").build())
        .getResult();
    assertThat(r.getDeclineReason()).isEqualTo(DeclineReason.DECLINE_REASON_CURRENCY_MISMATCH);
    assertThat(balance(card)).isZero();
  }
}
