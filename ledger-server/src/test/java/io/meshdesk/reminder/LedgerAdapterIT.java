package io.meshdesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.PurchaseResponse;
import io.meshdesk.api.reminder.v1.CreateReminderRuleRequest;
import io.meshdesk.api.reminder.v1.ReminderChannel;
import io.meshdesk.api.reminder.v1.ReminderKind;
import io.meshdesk.api.reminder.v1.ReminderRule;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc.ReminderServiceBlockingStub;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.ledger.billing.StatementService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductSpec;
import io.meshdesk.ledger.cards.ProductStore;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.grpc.LedgerGrpcService;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.ledger.query.QueryService;
import io.meshdesk.ledger.spending.SpendingService;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.reminder.dispatch.DispatchConfig;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.persistence.DeadLetterStore;
import io.meshdesk.scheduler.DueStatementSource.DueStatement;
import io.meshdesk.scheduler.SchedulerConfig;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production wiring of reminders over the real ledger: {@link LedgerAdapter} as cycle closer,
 * due-statement source and card directory, {@link DirectoryTenants} over a minimal stand-in for the
 * {@code directory.tenant} view, and the {@link ReminderModule}'s scheduler ticked by hand on a
 * settable clock. The dispatch pump and workers are not started, so deliveries stay where the
 * planner puts them. The ledger's gRPC service is wired to utilisation reminders as in production.
 */
class LedgerAdapterIT {

  static final TestTokens tokens = new TestTokens();
  static final UUID tenant = UUID.randomUUID();
  static final UUID holder = UUID.randomUUID();
  static final MutableClock clock = new MutableClock(Instant.parse("2025-03-20T10:00:00Z"));
  static DatabaseConfig config;
  static Database database;
  static Redis redis;
  static Transactions tx;
  static LedgerAdapter adapter;
  static ReminderModule module;
  static InProcessGrpc grpc;
  static CardService cards;
  static PostingEngine postings;
  static UUID product;

  @BeforeAll
  static void start() {
    config = TestEnvironment.get().newDatabase("ledgeradapter");
    Migrations.apply(config, LedgerServer.CHANGELOGS);
    asOwner(
        "create schema directory",
        "create table directory.tenant (id uuid primary key, time_zone text, status text)",
        "grant usage on schema directory to meshdesk_ledger",
        "grant select on directory.tenant to meshdesk_ledger",
        "insert into directory.tenant values ('"
            + tenant
            + "', 'America/New_York', 'active'),"
            + " ('"
            + UUID.randomUUID()
            + "', 'UTC', 'suspended')");
    database = new Database(config.forServer(DatabaseRole.LEDGER), "ledgeradapter");
    redis = new Redis(TestEnvironment.get().newRedis("ledgeradapter"));
    tx = new Transactions(database.dataSource());
    adapter = new LedgerAdapter(new StatementService(tx, clock), tx);
    SchedulerConfig sched =
        new SchedulerConfig(
            false, Duration.ofMillis(200), Duration.ofSeconds(30), LocalTime.of(0, 15), 31);
    // As LedgerServer wires it, except that nothing is started: the test ticks the scheduler
    // itself.
    module =
        new ReminderModule(
            new ReminderModule.Parts(
                database.dataSource(),
                redis.client(),
                clock,
                ReminderModule.newInstanceId(),
                new DirectoryTenants(tx),
                adapter,
                adapter,
                adapter,
                SmtpConfig.loopback(1),
                DispatchConfig.fast(0, 3),
                sched,
                DispatchHooks.NONE));
    cards = new CardService(tx, new ProductStore(tx.dataSource()), clock);
    postings = new PostingEngine(tx, clock);
    LedgerGrpcService ledger =
        new LedgerGrpcService(
            cards,
            postings,
            new QueryService(tx, clock),
            new AuditService(database.dataSource(), clock),
            new PendingPayments(tx, postings, clock),
            new SpendingService(tx, clock));
    ledger.onPosting(new UtilizationReminders(module.events(), cards));
    grpc = InProcessGrpc.start(List.of(module.service(), ledger), List.of(tokens.interceptor()));
    // 19.99 % purchase APR, 25 grace days, minimum max(25.00, 1 % + interest + fees), late fee
    // 39.00.
    product =
        cards
            .createProduct(
                tenant,
                new ProductSpec("Adapter Visa", "VISA", "USD", 1999, 2599, 25, 2_500, 100, 3_900))
            .id();
  }

  @AfterAll
  static void stop() {
    grpc.close();
    module.close();
    redis.close();
    database.close();
  }

  @Test
  void schedulerClosesTheRealCycleAndPlansRemindersUntilThePaymentCoversTheMinimum() {
    clock.set(Instant.parse("2025-03-20T10:00:00Z"));
    UUID card = issueCard(holder);
    purchase(card, "2025-04-01T09:00:00Z", 120_000);
    purchase(card, "2025-04-05T09:00:00Z", 95_000);
    purchase(card, "2025-04-10T09:00:00Z", 85_000);
    // The tenant's zone (from identity.tenant) applies because the rule names none.
    ReminderRule rule =
        as(holder)
            .createReminderRule(
                CreateReminderRuleRequest.newBuilder()
                    .setCardId(card.toString())
                    .setKind(ReminderKind.REMINDER_KIND_DAYS_BEFORE_DUE)
                    .addAllDaysBefore(List.of(7, 3, 1))
                    .setChannel(ReminderChannel.REMINDER_CHANNEL_EMAIL)
                    .setDestination("ada@example.com")
                    .build())
            .getRule();
    assertThat(rule.getTimeZone()).isEqualTo("America/New_York");

    // 16 April, 06:00 in New York: the cycle ending 15 April closes; no reminder day has come yet.
    tick("2025-04-16T10:00:00Z");
    DueStatement statement = only(card, adapter.statements(tenant, LocalDate.of(2025, 4, 16)));
    assertThat(statement.cardId()).isEqualTo(card);
    assertThat(statement.statementDate()).isEqualTo(LocalDate.of(2025, 4, 15));
    assertThat(statement.dueDate()).isEqualTo(LocalDate.of(2025, 5, 10));
    assertThat(statement.newBalanceMinor()).isEqualTo(300_000);
    assertThat(statement.minimumDueMinor()).isEqualTo(3_000);
    assertThat(statement.currency()).isEqualTo("USD");
    assertThat(statement.paid()).isFalse();
    assertThat(adapter.holderOf(tenant, card)).contains(holder);
    assertThat(deliveries(card)).isEmpty();

    // 7 May: the catch-up run plans the 7-day (3 May) and 3-day (7 May) reminders, 09:00 New York
    // time.
    tick("2025-05-07T10:00:00Z");
    assertThat(deliveries(card))
        .extracting(Delivery::offsetDays, Delivery::dueAt, Delivery::status)
        .containsExactlyInAnyOrder(
            tuple(7, Instant.parse("2025-05-03T13:00:00Z"), DeliveryStatus.PENDING),
            tuple(3, Instant.parse("2025-05-07T13:00:00Z"), DeliveryStatus.PENDING));
    assertThat(deliveries(card))
        .allSatisfy(
            d -> {
              assertThat(d.ref()).isEqualTo(statement.statementId());
              assertThat(d.ruleId().toString()).isEqualTo(rule.getId());
              assertThat(d.content().amountMinor()).isEqualTo(3_000);
              assertThat(d.content().paymentDueDate()).isEqualTo(LocalDate.of(2025, 5, 10));
            });

    // A partial payment lowers what is due but keeps the reminders.
    pay(card, "2025-05-08T12:00:00Z", 1_000);
    tick("2025-05-08T12:00:00Z");
    DueStatement partly = only(card, adapter.statements(tenant, LocalDate.of(2025, 5, 8)));
    assertThat(partly.minimumDueMinor()).isEqualTo(2_000);
    assertThat(partly.paid()).isFalse();
    assertThat(deliveries(card))
        .extracting(Delivery::status)
        .containsOnly(DeliveryStatus.PENDING)
        .hasSize(2);

    // Paying the rest covers the minimum: open reminders are cancelled and the 1-day one is never
    // planned.
    pay(card, "2025-05-09T12:00:00Z", 2_000);
    tick("2025-05-09T12:00:00Z");
    DueStatement paid = only(card, adapter.statements(tenant, LocalDate.of(2025, 5, 9)));
    assertThat(paid.paid()).isTrue();
    assertThat(paid.minimumDueMinor()).isZero();
    assertThat(deliveries(card))
        .extracting(Delivery::status)
        .containsOnly(DeliveryStatus.CANCELLED)
        .hasSize(2);
  }

  @Test
  void closingThroughTheAdapterIsIdempotentAndStatementsAppearOnlyOnceIssued() {
    UUID tenantB = UUID.randomUUID();
    clock.set(Instant.parse("2025-06-02T10:00:00Z"));
    UUID productB =
        cards
            .createProduct(
                tenantB,
                new ProductSpec("Adapter Visa B", "VISA", "USD", 1999, 2599, 25, 2_500, 100, 3_900))
            .id();
    UUID holderB = UUID.randomUUID();
    UUID card =
        cards.issue(tenantB, holderB, productB, 500_000, "USD", 25, "", "SYSTEM", "test").id();
    clock.set(Instant.parse("2025-06-10T09:00:00Z"));
    postings.post(
        tenantB,
        null,
        new PostingOp.Direct(
            TxnType.PURCHASE,
            card,
            1_000,
            "USD",
            new Merchant("Corner Shop", "5411", "US", "Oakland", ""),
            null,
            "",
            "",
            "",
            "b-" + card));

    assertThat(adapter.closeEndedCycles(tenantB, LocalDate.of(2025, 6, 25))).isZero();
    clock.set(Instant.parse("2025-06-26T10:00:00Z"));
    assertThat(adapter.closeEndedCycles(tenantB, LocalDate.of(2025, 6, 26))).isEqualTo(1);
    assertThat(adapter.closeEndedCycles(tenantB, LocalDate.of(2025, 6, 26))).isZero();
    assertThat(adapter.postLateFees(tenantB, LocalDate.of(2025, 6, 26))).isZero();

    // A small balance: the minimum is the whole balance (the floor is capped at it).
    DueStatement s = only(card, adapter.statements(tenantB, LocalDate.of(2025, 6, 26)));
    assertThat(s.cardId()).isEqualTo(card);
    assertThat(s.statementDate()).isEqualTo(LocalDate.of(2025, 6, 25));
    assertThat(s.dueDate()).isEqualTo(LocalDate.of(2025, 7, 20));
    assertThat(s.minimumDueMinor()).isEqualTo(1_000);
    assertThat(adapter.statements(tenantB, LocalDate.of(2025, 6, 24))).isEmpty();
    assertThat(adapter.statements(tenant, LocalDate.of(2025, 6, 26)))
        .noneMatch(d -> d.cardId().equals(card));
    assertThat(adapter.holderOf(tenantB, card)).contains(holderB);
    assertThat(adapter.holderOf(tenant, card)).isEmpty();
  }

  @Test
  void cardholderCannotCreateARuleOnAnotherHoldersRealCard() {
    clock.set(Instant.parse("2025-03-20T10:00:00Z"));
    UUID card = issueCard(UUID.randomUUID());

    assertThatThrownBy(
            () ->
                as(holder)
                    .createReminderRule(
                        CreateReminderRuleRequest.newBuilder()
                            .setCardId(card.toString())
                            .setKind(ReminderKind.REMINDER_KIND_DAYS_BEFORE_DUE)
                            .addDaysBefore(3)
                            .setChannel(ReminderChannel.REMINDER_CHANNEL_EMAIL)
                            .setDestination("ada@example.com")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void purchaseCrossingTheUtilizationThresholdThroughTheLedgerApiCreatesOneReminderPerCycle() {
    clock.set(Instant.parse("2025-08-01T10:00:00Z"));
    UUID card = issueCard(holder); // limit 5,000.00
    ReminderRule rule =
        as(holder)
            .createReminderRule(
                CreateReminderRuleRequest.newBuilder()
                    .setCardId(card.toString())
                    .setKind(ReminderKind.REMINDER_KIND_UTILIZATION_ABOVE)
                    .setUtilizationThresholdBps(8_000)
                    .setChannel(ReminderChannel.REMINDER_CHANNEL_EMAIL)
                    .setDestination("ada@example.com")
                    .build())
            .getRule();

    purchaseViaApi(card, 300_000, "u1"); // 60 %
    assertThat(deliveries(card)).isEmpty();

    purchaseViaApi(card, 150_000, "u2"); // 90 %: crosses 80 %
    purchaseViaApi(card, 10_000, "u3"); // 92 %: same cycle, nothing new
    assertThat(purchaseViaApi(card, 150_000, "u2").getResult().getReplayed()).isTrue();

    assertThat(deliveries(card))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind())
                  .isEqualTo(io.meshdesk.reminder.domain.ReminderKind.UTILIZATION_ABOVE);
              assertThat(d.ruleId().toString()).isEqualTo(rule.getId());
              assertThat(d.ref())
                  .isEqualTo("cycle:" + cards.card(tenant, null, card).nextStatementDate());
              assertThat(d.content().amountMinor()).isEqualTo(450_000);
              assertThat(d.content().currency()).isEqualTo("USD");
              assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            });
  }

  @Test
  void utilizationRuleCardsAreCachedForTheRefreshIntervalThenReadAgain() {
    clock.set(Instant.parse("2025-09-01T10:00:00Z"));
    UUID card = issueCard(holder); // limit 5,000.00
    AtomicLong nanos = new AtomicLong();
    UtilizationReminders reminders =
        new UtilizationReminders(module.events(), cards, tx, Duration.ofSeconds(1), nanos::get);
    // the tenant's rule cards are read now, before the card has a rule
    reminders.creditUsed(tenant, card, 450_000, 500_000, "USD");
    as(holder)
        .createReminderRule(
            CreateReminderRuleRequest.newBuilder()
                .setCardId(card.toString())
                .setKind(ReminderKind.REMINDER_KIND_UTILIZATION_ABOVE)
                .setUtilizationThresholdBps(8_000)
                .setChannel(ReminderChannel.REMINDER_CHANNEL_EMAIL)
                .setDestination("ada@example.com")
                .build());

    nanos.addAndGet(Duration.ofMillis(999).toNanos());
    reminders.creditUsed(tenant, card, 460_000, 500_000, "USD");
    assertThat(deliveries(card)).as("within the interval the cached rule cards answer").isEmpty();

    nanos.addAndGet(Duration.ofMillis(1).toNanos());
    reminders.creditUsed(tenant, card, 470_000, 500_000, "USD");
    assertThat(deliveries(card))
        .as("after the interval the new rule is read and fires")
        .singleElement()
        .satisfies(d -> assertThat(d.content().amountMinor()).isEqualTo(470_000));
  }

  /**
   * The admin posting purchases; one caller, so a retried key replays (keys are scoped per caller).
   */
  private static final UUID OPERATOR = UUID.randomUUID();

  private static PurchaseResponse purchaseViaApi(UUID card, long amount, String key) {
    PurchaseResponse r =
        LedgerServiceGrpc.newBlockingStub(grpc.channel())
            .withCallCredentials(TestTokens.bearer(tokens.user(tenant, OPERATOR, Role.ADMIN)))
            .purchase(
                PurchaseRequest.newBuilder()
                    .setCardId(card.toString())
                    .setAmount(Money.newBuilder().setAmountMinor(amount).setCurrency("USD"))
                    .setMerchant(
                        io.meshdesk.api.ledger.v1.Merchant.newBuilder().setName("Corner Shop"))
                    .setIdempotencyKey(key + "-" + card)
                    .build());
    assertThat(r.getResult().getOutcome()).isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    return r;
  }

  private static UUID issueCard(UUID cardHolder) {
    return cards.issue(tenant, cardHolder, product, 500_000, "USD", 15, "", "SYSTEM", "test").id();
  }

  private static void purchase(UUID card, String at, long amount) {
    clock.set(Instant.parse(at));
    postings.post(
        tenant,
        null,
        new PostingOp.Direct(
            TxnType.PURCHASE,
            card,
            amount,
            "USD",
            new Merchant("Corner Shop", "5411", "US", "Oakland", ""),
            null,
            "",
            "",
            "",
            "p-" + card + "-" + at));
  }

  private static void pay(UUID card, String at, long amount) {
    clock.set(Instant.parse(at));
    postings.post(
        tenant,
        null,
        new PostingOp.Direct(
            TxnType.PAYMENT,
            card,
            amount,
            "USD",
            Merchant.NONE,
            null,
            "",
            "",
            "ACH",
            "pay-" + card + "-" + at));
  }

  /** One scheduler pass (close cycles, late fees, reminders) at {@code at}; must lead. */
  private static void tick(String at) {
    clock.set(Instant.parse(at));
    assertThat(module.scheduler().tick()).isTrue();
  }

  /**
   * The one statement of {@code card} among {@code statements} (other tests' cards share the
   * tenant).
   */
  private static DueStatement only(UUID card, List<DueStatement> statements) {
    List<DueStatement> ofCard = statements.stream().filter(s -> s.cardId().equals(card)).toList();
    assertThat(ofCard).hasSize(1);
    return ofCard.getFirst();
  }

  private static List<Delivery> deliveries(UUID card) {
    return new DeadLetterStore(tx).deliveries(tenant, card, null, null, null, null, 0, 100);
  }

  private static ReminderServiceBlockingStub as(UUID user) {
    return ReminderServiceGrpc.newBlockingStub(grpc.channel())
        .withCallCredentials(TestTokens.bearer(tokens.user(tenant, user, Role.CUSTOMER)));
  }

  /** Runs statements as the schema owner (the identity schema a ledger-only database lacks). */
  private static void asOwner(String... sql) {
    try (Connection c =
            DriverManager.getConnection(
                config.jdbcUrl(), config.ownerUser().orElseThrow(), config.ownerPassword());
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
