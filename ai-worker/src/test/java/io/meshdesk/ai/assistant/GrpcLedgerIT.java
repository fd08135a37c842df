package io.meshdesk.ai.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.BindableService;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.RefundRequest;
import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.api.ledger.v1.TransactionType;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductStore;
import io.meshdesk.ledger.grpc.LedgerGrpcService;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.ledger.query.QueryService;
import io.meshdesk.ledger.spending.SpendingService;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The assistant's ledger reads against a real ledger service (in process, real tokens): every page
 * of a card's transactions, the signs the assistant relies on, and the caller's own token.
 */
class GrpcLedgerIT {

  private static final int PURCHASES = 520; // more than GrpcLedger's page of 500

  private static final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
  private static final TestTokens tokens = new TestTokens();
  private static final UUID tenant = UUID.randomUUID();
  private static final UUID alice = UUID.randomUUID();
  private static final UUID bob = UUID.randomUUID();
  private static Database database;
  private static InProcessGrpc grpc;
  private static GrpcLedger ledger;
  private static String aliceCard;
  private static String bobCard;

  @BeforeAll
  static void startLedgerWithCards() {
    DatabaseConfig config = TestEnvironment.get().newDatabase("grpc_ledger");
    Migrations.apply(config, LedgerServer.CHANGELOGS);
    database = new Database(config, "grpc_ledger");
    Transactions tx = new Transactions(database.dataSource());
    PostingEngine postings = new PostingEngine(tx, clock);
    List<BindableService> services =
        List.of(
            new LedgerGrpcService(
                new CardService(tx, new ProductStore(tx.dataSource()), clock),
                postings,
                new QueryService(tx, clock),
                new AuditService(database.dataSource(), clock),
                new PendingPayments(tx, postings, clock),
                new SpendingService(tx, clock)));
    grpc = InProcessGrpc.start(services, List.of(tokens.interceptor()));
    ledger = new GrpcLedger(grpc.channel());

    LedgerServiceBlockingStub admin =
        LedgerServiceGrpc.newBlockingStub(grpc.channel())
            .withCallCredentials(
                TestTokens.bearer(tokens.user(tenant, UUID.randomUUID(), Role.ADMIN)));
    String product = product(admin);
    aliceCard = issue(admin, product, alice);
    bobCard = issue(admin, product, bob);

    BatchPostRequest.Builder batch = BatchPostRequest.newBuilder();
    for (int i = 1; i <= PURCHASES; i++) {
      batch.addOperations(
          BatchOperation.newBuilder()
              .setPurchase(
                  PurchaseRequest.newBuilder()
                      .setCardId(aliceCard)
                      .setAmount(usd(100 + i))
                      .setMerchant(shop())
                      .setIdempotencyKey("p-" + i)));
    }
    batch.addOperations(
        BatchOperation.newBuilder()
            .setRefund(
                RefundRequest.newBuilder()
                    .setCardId(aliceCard)
                    .setAmount(usd(250))
                    .setMerchant(shop())
                    .setIdempotencyKey("r-1")));
    batch.addOperations(
        BatchOperation.newBuilder()
            .setPayment(
                PaymentRequest.newBuilder()
                    .setCardId(aliceCard)
                    .setAmount(usd(5000))
                    .setIdempotencyKey("pay-1")));
    assertThat(admin.batchPost(batch.build()).getDeclinedCount()).isZero();
    clock.advance(Duration.ofMinutes(1));
  }

  @AfterAll
  static void stop() {
    grpc.close();
    database.close();
  }

  @Test
  void followsEveryPageOfACardsTransactions() {
    List<Transaction> all =
        ledger.transactions(customer(alice), UUID.fromString(aliceCard), from(), to());

    assertThat(all).hasSize(PURCHASES + 2);
    assertThat(all).extracting(Transaction::getId).doesNotHaveDuplicates();
    assertThat(all.stream().filter(t -> t.getType() == TransactionType.TRANSACTION_TYPE_PURCHASE))
        .hasSize(PURCHASES);
  }

  @Test
  void purchasesArePositiveAndRefundsAndPaymentsNegative() {
    List<Transaction> all =
        ledger.transactions(customer(alice), UUID.fromString(aliceCard), from(), to());

    long purchases = sum(all, TransactionType.TRANSACTION_TYPE_PURCHASE);
    assertThat(purchases).isEqualTo(PURCHASES * 100L + (long) PURCHASES * (PURCHASES + 1) / 2);
    assertThat(sum(all, TransactionType.TRANSACTION_TYPE_REFUND)).isEqualTo(-250);
    assertThat(sum(all, TransactionType.TRANSACTION_TYPE_PAYMENT)).isEqualTo(-5000);
    assertThat(
            ledger
                .balance(customer(alice), UUID.fromString(aliceCard))
                .getPostedBalance()
                .getAmountMinor())
        .isEqualTo(purchases - 250 - 5000);
  }

  @Test
  void customerSeesOnlyTheirOwnCards() {
    assertThat(ledger.cardsOf(customer(alice), alice))
        .extracting(Card::getId)
        .containsExactly(aliceCard);
    assertThat(ledger.card(customer(bob), UUID.fromString(bobCard)).getId()).isEqualTo(bobCard);
  }

  @Test
  void anotherCustomersCardIsNotFound() {
    String token = customer(bob);
    UUID card = UUID.fromString(aliceCard);

    assertThatThrownBy(() -> ledger.card(token, card))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("ledger-server");
    assertThatThrownBy(() -> ledger.balance(token, card)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ledger.transactions(token, card, from(), to()))
        .isInstanceOf(NotFoundException.class);
    // The token decides whose cards are listed, not the holder asked for.
    assertThat(ledger.cardsOf(token, alice)).extracting(Card::getId).containsExactly(bobCard);
  }

  private static String customer(UUID user) {
    return tokens.user(tenant, user, Role.CUSTOMER);
  }

  private static Instant from() {
    return Instant.parse("2025-03-01T00:00:00Z");
  }

  private static Instant to() {
    return Instant.parse("2025-04-01T00:00:00Z");
  }

  private static long sum(List<Transaction> all, TransactionType type) {
    return all.stream()
        .filter(t -> t.getType() == type)
        .mapToLong(t -> t.getAmount().getAmountMinor())
        .sum();
  }

  private static Money usd(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency("USD").build();
  }

  private static Merchant shop() {
    return Merchant.newBuilder().setName("Corner Shop").setMcc("5411").setCountry("US").build();
  }

  private static String product(LedgerServiceBlockingStub admin) {
    return admin
        .createCardProduct(
            CreateCardProductRequest.newBuilder()
                .setName("Classic")
                .setNetwork(CardNetwork.CARD_NETWORK_VISA)
                .setCurrency("USD")
                .setPurchaseAprBps(1825)
                .setCashAdvanceAprBps(2920)
                .setGraceDays(25)
                .setMinPayment(
                    MinimumPaymentRule.newBuilder().setFloor(usd(2500)).setPercentBps(100))
                .setLateFee(usd(4000))
                .build())
        .getProduct()
        .getId();
  }

  private static String issue(LedgerServiceBlockingStub admin, String product, UUID holder) {
    return admin
        .issueCard(
            IssueCardRequest.newBuilder()
                .setProductId(product)
                .setHolderUserId(holder.toString())
                .setCreditLimit(usd(10_000_000))
                .setBillingCycleDay(1)
                .build())
        .getCard()
        .getId();
  }
}
