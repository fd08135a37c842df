package io.meshdesk.ai.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.ai.AiWorker;
import io.meshdesk.ai.assistant.persistence.ConversationStore;
import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.gemini.GeminiAssistantModel;
import io.meshdesk.ai.gemini.GeminiStub;
import io.meshdesk.ai.gemini.GeminiStub.Call;
import io.meshdesk.ai.resilience.CircuitBreaker;
import io.meshdesk.ai.resilience.Retry;
import io.meshdesk.api.ai.v1.AskAnswered;
import io.meshdesk.api.ai.v1.AskRequest;
import io.meshdesk.api.ai.v1.AskResponse;
import io.meshdesk.api.ai.v1.AssistantServiceGrpc;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.grpc.LedgerGrpcService;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.ledger.query.QueryService;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AssistantService.Ask end to end: a real ledger service with real tokens, conversations in
 * PostgreSQL, Gemini's REST API played by the loopback stub (which issues function calls), and the
 * offline path with the real embedding model.
 */
class AssistantConversationIT {

  private static final MutableClock clock = new MutableClock(Instant.parse("2025-02-01T10:00:00Z"));
  private static final TestTokens tokens = new TestTokens();
  private static final UUID tenant = UUID.randomUUID();
  private static final UUID alice = UUID.randomUUID();
  private static final UUID bob = UUID.randomUUID();
  private static Database ledgerDb;
  private static Database aiDb;
  private static InProcessGrpc ledgerGrpc;
  private static InProcessGrpc withGemini;
  private static InProcessGrpc offlineOnly;
  private static InProcessGrpc withGuardedGemini;
  private static GeminiStub stub;
  private static String aliceCard;
  private static String bobCard;

  @BeforeAll
  static void start() throws Exception {
    // One database holds both servers' schemas: one creation and one pool instead of two.
    DatabaseConfig config = TestEnvironment.get().newDatabase("assistant");
    Migrations.apply(
        config,
        Stream.of(LedgerServer.CHANGELOGS, AiWorker.CHANGELOGS).flatMap(List::stream).toList());
    ledgerDb = new Database(config, "assistant");
    aiDb = ledgerDb;
    Transactions ltx = new Transactions(ledgerDb.dataSource());
    PostingEngine postings = new PostingEngine(ltx, clock);
    ledgerGrpc =
        InProcessGrpc.start(
            List.of(
                new LedgerGrpcService(
                    new CardService(
                        ltx, new io.meshdesk.ledger.cards.ProductStore(ltx.dataSource()), clock),
                    postings,
                    new QueryService(ltx, clock),
                    new AuditService(ledgerDb.dataSource(), clock),
                    new PendingPayments(ltx, postings, clock),
                    new io.meshdesk.ledger.spending.SpendingService(ltx, clock))),
            List.of(tokens.interceptor()));
    seedLedger();

    Conversations store = new ConversationStore(new Transactions(aiDb.dataSource()));
    LedgerFunctions functions = new LedgerFunctions(new GrpcLedger(ledgerGrpc.channel()), clock);
    OfflineAssistant offline =
        new OfflineAssistant(new IntentClassifier(Embedder.shared()), functions);
    stub = new GeminiStub();
    var gemini = stub.vertexConfig(Duration.ofSeconds(30), 1);
    GeminiAssistantModel model = new GeminiAssistantModel(stub.client(gemini), gemini, clock);
    withGemini = serve(store, functions, offline, model);
    offlineOnly = serve(store, functions, offline, null);
    withGuardedGemini =
        serve(
            store,
            functions,
            offline,
            new ResilientAssistantModel(
                model,
                new CircuitBreaker(
                    "gemini-assistant", 1, Duration.ofMinutes(10), Clock.systemUTC()),
                new Retry.Policy(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                d -> {},
                () -> 0.5));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c :
        new AutoCloseable[] {stub, withGemini, offlineOnly, withGuardedGemini, ledgerGrpc}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    ledgerDb.close();
  }

  @BeforeEach
  void freshScript() {
    stub.reset();
  }

  @Test
  void continuesAConversationWithItsHistory() {
    stub.then(
        GeminiStub.functionCalls(new Call(LedgerFunctions.BALANCE, Map.of())),
        GeminiStub.sse("Your balance is 462.73 USD, with 9,537.27 USD of credit available.", 9));
    Turn first = ask(withGemini, alice, "", "What do I owe?");

    assertThat(first.answered().getDrafter()).isEqualTo("gemini-2.5-flash");
    assertThat(first.answered().getFallbackReason()).isEmpty();
    assertThat(first.answered().getAnswer()).contains("462.73 USD");
    assertThat(first.text()).isEqualTo(first.answered().getAnswer());
    assertThat(first.deltas()).hasSizeGreaterThan(1);
    assertThat(first.answered().getFiguresList())
        .extracting(f -> f.getAmount().getAmountMinor())
        .contains(46_273L, 953_727L);

    stub.reset();
    stub.then(GeminiStub.sse("You asked about your balance.", 50));
    Turn second = ask(withGemini, alice, first.conversation(), "What did I ask you before?");

    assertThat(second.conversation()).isEqualTo(first.conversation());
    assertThat(second.answered().getAnswer()).isEqualTo("You asked about your balance.");
    String sent = stub.received().get(stub.received().size() - 1).body();
    assertThat(sent)
        .contains("What do I owe?")
        .contains("9,537.27 USD of credit available")
        .contains("What did I ask you before?");
  }

  @Test
  void aFunctionCallForAnotherCustomersCardIsRefused() {
    stub.then(
        GeminiStub.functionCalls(new Call(LedgerFunctions.BALANCE, Map.of("card_id", bobCard))),
        GeminiStub.sse("I cannot see that card.", 50));
    Turn t = ask(withGemini, alice, "", "What is the balance of card " + bobCard + "?");

    String functionResponse = stub.received().get(1).body();
    assertThat(functionResponse).contains("functionResponse").contains("not one of yours");
    assertThat(functionResponse).doesNotContain("75.00"); // Bob's balance never reaches the model
    assertThat(t.answered().getFiguresList()).isEmpty();
    assertThat(t.answered().getAnswer()).isEqualTo("I cannot see that card.");
  }

  @Test
  void aReplyThatInventsANumberIsReplacedByTheOfflineAnswer() {
    stub.then(
        GeminiStub.functionCalls(new Call(LedgerFunctions.BY_CATEGORY, Map.of("month", "2025-03"))),
        GeminiStub.sse("You spent 222.50 USD on groceries and 999.99 USD on dining.", 12));
    Turn t = ask(withGemini, alice, "", "How did my spending split by category this month?");

    assertThat(t.answered().getDrafter()).isEqualTo("offline");
    assertThat(t.answered().getFallbackReason()).contains("999.99");
    assertThat(t.text()).isEqualTo(t.answered().getAnswer()).doesNotContain("999.99");
    assertThat(t.answered().getAnswer()).contains("groceries 222.50 USD");
  }

  @Test
  void aFailingModelIsRetriedThenItsBreakerOpensAndTurnsAreAnsweredOfflineWithoutCallingIt() {
    stub.then(GeminiStub.status(503, "UNAVAILABLE", "overloaded"));

    Turn first = ask(withGuardedGemini, alice, "", "What is my balance?");
    assertThat(first.answered().getDrafter()).isEqualTo("offline");
    assertThat(first.answered().getFallbackReason()).contains("503");
    assertThat(stub.received()).hasSize(2);

    Turn second = ask(withGuardedGemini, alice, first.conversation(), "What is my balance?");
    assertThat(second.answered().getDrafter()).isEqualTo("offline");
    assertThat(second.answered().getFallbackReason()).contains("circuit breaker open");
    assertThat(second.answered().getAnswer()).isEqualTo(first.answered().getAnswer());
    assertThat(stub.received()).hasSize(2);
  }

  @Test
  void offlineIntentByEmbeddingsGivesTheSameFiguresAsTheModel() {
    String question = "Break down where my money went this month";
    stub.then(
        GeminiStub.functionCalls(new Call(LedgerFunctions.BY_CATEGORY, Map.of())),
        GeminiStub.sse(
            "Groceries took 222.50 USD, subscriptions 99.98 USD and dining 8.25 USD.", 20));
    Turn model = ask(withGemini, alice, "", question);
    Turn offline = ask(offlineOnly, alice, "", question);

    assertThat(model.answered().getDrafter()).isEqualTo("gemini-2.5-flash");
    assertThat(offline.answered().getDrafter()).isEqualTo("offline");
    assertThat(offline.answered().getFallbackReason()).isEmpty();
    assertThat(figures(offline)).isEqualTo(figures(model)).hasSize(3);

    Turn unusual = ask(offlineOnly, alice, "", "Was I charged twice for anything?");
    assertThat(unusual.answered().getAnswer())
        .contains("49.99 USD at STREAMFLIX (possible duplicate")
        .contains("180.00 USD at Corner Grocer");
  }

  @Test
  void aStreamingServiceChargeIsCalledASubscriptionOfflineAndToTheModel() {
    Turn offline = ask(offlineOnly, alice, "", "How much did I spend on subscriptions this month?");
    assertThat(offline.answered().getAnswer()).contains("subscriptions").contains("99.98 USD");

    stub.then(
        GeminiStub.functionCalls(new Call(LedgerFunctions.BY_CATEGORY, Map.of())),
        GeminiStub.sse("Subscriptions took 99.98 USD.", 20));
    Turn model = ask(withGemini, alice, "", "Where did my money go this month?");

    String sent = stub.received().get(1).body();
    int start = sent.indexOf("functionResponse");
    String functionResponse = sent.substring(start, sent.indexOf("\"role\"", start));
    assertThat(functionResponse)
        .contains("subscriptions")
        .contains("99.98 USD")
        .doesNotContain("entertainment");
    assertThat(model.answered().getFiguresList())
        .extracting(f -> f.getLabel())
        .anySatisfy(label -> assertThat(label).startsWith("Subscriptions"));
  }

  @Test
  void anotherUsersConversationIsNotFound() {
    Turn mine = ask(offlineOnly, alice, "", "What is my balance?");

    assertThatThrownBy(() -> ask(offlineOnly, bob, mine.conversation(), "What is my balance?"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(
            () -> ask(offlineOnly, alice, UUID.randomUUID().toString(), "What is my balance?"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThat(ask(offlineOnly, alice, mine.conversation(), "And now?").conversation())
        .isEqualTo(mine.conversation());
  }

  @Test
  void badInputIsInvalidArgumentAndStoresNothing() {
    long before = storedTurns();

    assertThatThrownBy(() -> ask(offlineOnly, alice, "not-a-uuid", "What is my balance?"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("conversation_id");
            });
    assertThatThrownBy(() -> ask(offlineOnly, alice, "", ""))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).contains("question"));
    assertThat(storedTurns()).isEqualTo(before);
  }

  /** One turn as the client saw it. */
  private record Turn(String conversation, List<String> deltas, AskAnswered answered) {
    String text() {
      return String.join("", deltas);
    }
  }

  private static Turn ask(InProcessGrpc server, UUID user, String conversation, String question) {
    var events =
        AssistantServiceGrpc.newBlockingStub(server.channel())
            .withCallCredentials(TestTokens.bearer(tokens.user(tenant, user, Role.CUSTOMER)))
            .ask(
                AskRequest.newBuilder()
                    .setConversationId(conversation)
                    .setQuestion(question)
                    .build());
    String started = null;
    List<String> deltas = new ArrayList<>();
    AskAnswered answered = null;
    while (events.hasNext()) {
      AskResponse e = events.next();
      switch (e.getEventCase()) {
        case STARTED -> started = e.getStarted().getConversationId();
        case TEXT_DELTA -> deltas.add(e.getTextDelta());
        case ANSWERED -> answered = e.getAnswered();
        default -> throw new AssertionError("unexpected event " + e);
      }
    }
    assertThat(started).isNotNull().isEqualTo(answered.getConversationId());
    return new Turn(started, deltas, answered);
  }

  private static List<String> figures(Turn t) {
    return t.answered().getFiguresList().stream()
        .map(f -> f.getLabel() + "=" + f.getAmount().getAmountMinor() + "/" + f.getSourceId())
        .toList();
  }

  private static long storedTurns() {
    return new Transactions(aiDb.dataSource())
        .inTenant(
            tenant,
            c -> {
              try (var rs =
                  c.createStatement().executeQuery("select count(*) from assistant.turns")) {
                rs.next();
                return rs.getLong(1);
              }
            });
  }

  private static InProcessGrpc serve(
      Conversations store,
      LedgerFunctions functions,
      OfflineAssistant offline,
      AssistantModel model) {
    ConversationService conversations =
        new ConversationService(
            store, functions, offline, model, AssistantConfig.defaults(), clock);
    AssistantGrpcService service =
        new AssistantGrpcService(
            new SpendingAssistant(new GrpcLedger(ledgerGrpc.channel()), clock), conversations);
    BindableService bindable = service::definition;
    return InProcessGrpc.start(List.of(bindable), List.of(tokens.interceptor()));
  }

  /**
   * Alice: groceries, a café and a streaming service in February and March 2025, with a duplicate
   * STREAMFLIX charge and a grocery bill far above her usual one in March. Bob: one purchase.
   */
  private static void seedLedger() {
    LedgerServiceBlockingStub admin =
        LedgerServiceGrpc.newBlockingStub(ledgerGrpc.channel())
            .withCallCredentials(
                TestTokens.bearer(tokens.user(tenant, UUID.randomUUID(), Role.ADMIN)));
    String product =
        admin
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
    aliceCard = issue(admin, product, alice);
    bobCard = issue(admin, product, bob);
    // Two batches: February's history, then March (the same instant makes the duplicate close).
    clock.set("2025-02-17T10:00:00Z");
    post(
        admin,
        buy(aliceCard, 4_000, "Corner Grocer", "5411"),
        buy(aliceCard, 3_500, "Corner Grocer", "5411"),
        buy(aliceCard, 4_500, "Corner Grocer", "5411"),
        buy(aliceCard, 1_200, "Blue Cafe", "5814"));
    clock.set("2025-03-06T10:00:00Z");
    post(
        admin,
        buy(aliceCard, 4_250, "Corner Grocer", "5411"),
        buy(aliceCard, 825, "Blue Cafe", "5814"),
        buy(aliceCard, 4_999, "STREAMFLIX", "4899"),
        buy(aliceCard, 4_999, "STREAMFLIX", "4899"),
        buy(aliceCard, 18_000, "Corner Grocer", "5411"),
        buy(bobCard, 7_500, "Bike Shop", "5940"));
    clock.set("2025-03-10T12:00:00Z");
  }

  private static void post(LedgerServiceBlockingStub admin, PurchaseRequest... purchases) {
    BatchPostRequest.Builder batch = BatchPostRequest.newBuilder();
    for (PurchaseRequest p : purchases) {
      batch.addOperations(BatchOperation.newBuilder().setPurchase(p));
    }
    assertThat(admin.batchPost(batch.build()).getDeclinedCount()).isZero();
  }

  private static PurchaseRequest buy(String card, long minor, String merchant, String mcc) {
    return PurchaseRequest.newBuilder()
        .setCardId(card)
        .setAmount(usd(minor))
        .setMerchant(Merchant.newBuilder().setName(merchant).setMcc(mcc).setCountry("US").build())
        .setIdempotencyKey(UUID.randomUUID().toString())
        .build();
  }

  private static String issue(LedgerServiceBlockingStub admin, String product, UUID holder) {
    return admin
        .issueCard(
            IssueCardRequest.newBuilder()
                .setProductId(product)
                .setHolderUserId(holder.toString())
                .setCreditLimit(usd(1_000_000))
                .setBillingCycleDay(1)
                .build())
        .getCard()
        .getId();
  }

  private static Money usd(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency("USD").build();
  }
}
