package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.StatusRuntimeException;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.BatchPostResponse;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.grpc.LedgerGrpcService;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.ledger.query.QueryService;
import io.meshdesk.ledger.spending.SpendingService;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.TestTokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ledger servers with their own connection pools on one database, as in a scaled-out
 * deployment: each server serialises a card's requests in process, so only PostgreSQL's row locks
 * stand between their transactions and the credit limit.
 */
class LedgerRowLockIT {

  static LedgerFixture fx;
  static Database secondPool;
  static InProcessGrpc second;
  static String product;
  static final UUID holder = UUID.randomUUID();

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("ledgerrowlock");
    secondPool = new Database(fx.config, "ledgerrowlock-second");
    Transactions tx = new Transactions(secondPool.dataSource());
    PostingEngine postings = new PostingEngine(tx, fx.clock);
    second =
        InProcessGrpc.start(
            List.of(
                new LedgerGrpcService(
                    new CardService(tx, fx.products, fx.clock),
                    postings,
                    new QueryService(tx, fx.clock),
                    new AuditService(secondPool.dataSource(), fx.clock),
                    new PendingPayments(tx, postings, fx.clock),
                    new SpendingService(tx, fx.clock))),
            List.of(fx.tokens.interceptor()));
    product = fx.product("Classic");
  }

  @AfterAll
  static void stop() {
    second.close();
    secondPool.close();
    fx.close();
  }

  /** The admin's stub on server 0 (the fixture's) or 1 (the second one). */
  static LedgerServiceBlockingStub server(int n) {
    return n == 0
        ? fx.admin()
        : LedgerServiceGrpc.newBlockingStub(second.channel())
            .withCallCredentials(
                TestTokens.bearer(fx.tokens.user(fx.tenant, fx.admin, Role.ADMIN)));
  }

  static long balance(String card) {
    return fx.admin()
        .getBalance(GetBalanceRequest.newBuilder().setCardId(card).build())
        .getBalance()
        .getPostedBalance()
        .getAmountMinor();
  }

  @Test
  void purchasesRacingThroughTwoServersNeverPassTheLimit() throws Exception {
    String card = fx.card(product, holder, 10_000, 15);
    List<Future<Boolean>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      for (int i = 0; i < 100; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  try {
                    server(n % 2)
                        .purchase(
                            PurchaseRequest.newBuilder()
                                .setCardId(card)
                                .setAmount(usd(150))
                                .setMerchant(shop())
                                .setIdempotencyKey("two-" + n)
                                .build());
                    return true;
                  } catch (StatusRuntimeException e) {
                    assertThat(
                            LedgerFixture.declineReason(
                                () -> {
                                  throw e;
                                }))
                        .isEqualTo("INSUFFICIENT_CREDIT");
                    return false;
                  }
                }));
      }
    }
    int accepted = 0;
    for (Future<Boolean> f : results) {
      accepted += f.get() ? 1 : 0;
    }
    assertThat(accepted).isEqualTo(66);
    assertThat(balance(card)).isEqualTo(66 * 150);
    assertThat(fx.count("select count(*) from ledger.txn where card_id = '" + card + "'"))
        .isEqualTo(66);
    assertThat(
            fx.admin()
                .audit(AuditRequest.newBuilder().setCardId(card).build())
                .getSummary()
                .getPassed())
        .isTrue();
  }

  @Test
  void mixedMultiCardBatchesThroughTwoServersNeverDeadlockAndSumExactly() throws Exception {
    List<String> cards = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      cards.add(fx.card(product, holder, 10_000_000, 15));
    }
    List<Future<Integer>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  int declined = 0;
                  for (int round = 0; round < 10; round++) {
                    List<String> order = new ArrayList<>(cards);
                    Collections.shuffle(order);
                    BatchPostRequest.Builder req = BatchPostRequest.newBuilder();
                    for (int i = 0; i < order.size(); i++) {
                      String key = "mix2-" + thread + "-" + round + "-" + i;
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
                    BatchPostResponse res = server(thread % 2).batchPost(req.build());
                    declined += res.getDeclinedCount();
                  }
                  return declined;
                }));
      }
    }
    for (Future<Integer> f : results) {
      assertThat(f.get()).isZero();
    }
    long total = 0;
    for (String card : cards) {
      assertThat(
              fx.admin()
                  .audit(AuditRequest.newBuilder().setCardId(card).build())
                  .getSummary()
                  .getPassed())
          .isTrue();
      total += balance(card);
    }
    assertThat(total).isEqualTo(8 * 10 * (100 * 4 - 50 * 2));
  }
}
