package io.meshdesk.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.meshdesk.ai.AiWorker;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsResponse;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.cli.CliRun;
import io.meshdesk.identity.Identity;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.testing.RedisProcesses;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Meshdesk as the distributed system it is deployed as: PostgreSQL, Redis with a primary, a
 * replica and three Sentinels, two ticket-servers, one ledger-server and one AI worker, each server
 * its own OS process configured only through the environment. Counting everything at the client,
 * it kills a ticket-server, the Redis primary and the ledger-server mid-work and checks that
 * nothing acknowledged is lost and nothing is delivered twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologyIT {

  private static final List<AutoCloseable> closing = new ArrayList<>();
  private static RedisProcesses.Sentinel redis;
  private static ServerProcess ticketA;
  private static ServerProcess ticketB;
  private static ServerProcess ledger;
  private static Seed seed;
  private static final List<Agent> agents = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "topology-logs"));
    redis = RedisProcesses.sentinel();
    closing.add(redis);
    DatabaseConfig db = TestEnvironment.get().newDatabase("topology");
    Migrations.apply(db, Stream.of(List.of(Identity.CHANGELOG, "db/changelog/ticket/master.yaml"),
        LedgerServer.CHANGELOGS, AiWorker.CHANGELOGS).flatMap(List::stream).toList());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String bootstrap = UUID.randomUUID().toString();
    Map<String, String> common = new HashMap<>(Map.of(
        "MESHDESK_DATABASE_URL", db.jdbcUrl(),
        "MESHDESK_DATABASE_USER", db.user(),
        "MESHDESK_DATABASE_PASSWORD", db.password(),
        "MESHDESK_DATABASE_POOL_SIZE", "6",
        "MESHDESK_REDIS_URL", redis.sentinelUrls(),
        "MESHDESK_REDIS_MODE", "sentinel",
        "MESHDESK_REDIS_SENTINEL_MASTER", RedisProcesses.Sentinel.MASTER,
        "MESHDESK_REDIS_KEY_PREFIX", "topology:",
        "MESHDESK_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key)));
    // Plaintext between the topology's processes, opted into explicitly (servers refuse otherwise).
    common.put("MESHDESK_TLS_DISABLED", "true");
    db.ownerUser().ifPresent(owner -> {
      common.put("MESHDESK_DATABASE_OWNER_USER", owner);
      common.put("MESHDESK_DATABASE_OWNER_PASSWORD", db.ownerPassword());
    });
    int a = freePort();
    int b = freePort();
    int l = freePort();
    int w = freePort();
    Map<String, String> ticketEnv = with(common, "MESHDESK_BOOTSTRAP_TOKEN", bootstrap, "MESHDESK_TICKET_METRICS_PORT", "-1",
        "MESHDESK_TICKET_AI_REQUEUE_AFTER", "10s");
    ticketA = register(ServerProcess.start("ticket-a", io.meshdesk.ticket.Main.class, with(ticketEnv, "MESHDESK_TICKET_PORT", "" + a), a, logs));
    ticketB = register(ServerProcess.start("ticket-b", io.meshdesk.ticket.Main.class, with(ticketEnv, "MESHDESK_TICKET_PORT", "" + b), b, logs));
    ManagedChannel identity = channel(ticketB.target());
    try {
      seed = Seed.install(identity, bootstrap);
    } finally {
      identity.shutdownNow();
    }
    // ledger-server and the AI worker verify tokens with ticket-b's keys (ticket-a is killed first).
    ledger = register(ServerProcess.start("ledger", io.meshdesk.ledger.Main.class, with(common,
        "MESHDESK_LEDGER_PORT", "" + l, "MESHDESK_LEDGER_METRICS_PORT", "-1", "MESHDESK_IDENTITY_TARGET", ticketB.target()), l, logs));
    register(ServerProcess.start("ai-worker", io.meshdesk.ai.Main.class, with(common,
        "MESHDESK_AI_PORT", "" + w, "MESHDESK_AI_METRICS_PORT", "-1", "MESHDESK_IDENTITY_TARGET", ticketB.target(),
        "MESHDESK_TICKET_TARGET", ticketB.target(), "MESHDESK_LEDGER_TARGET", ledger.target(),
        "MESHDESK_AI_CLIENT_ID", seed.aiClientId(), "MESHDESK_AI_CLIENT_SECRET", seed.aiClientSecret()), w, logs));
    List<String> targets = List.of(ticketA.target(), ticketB.target());
    for (int i = 0; i < 6; i++) {
      agents.add(register(new Agent(seed.agentToken(), targets, i % 2)));
    }
  }

  @AfterAll
  static void stop() {
    for (int i = closing.size() - 1; i >= 0; i--) {
      try {
        closing.get(i).close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  @Order(1)
  void agentsOfAKilledTicketServerResumeOnTheOtherWithNothingLostOrDuplicated() throws Exception {
    ManagedChannel a = channel(ticketA.target());
    ManagedChannel b = channel(ticketB.target());
    try {
      List<String> created = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        if (i == 12) {
          ticketA.kill();
          System.out.println("topology: ticket-a killed (SIGKILL) after 12 creates");
        }
        ManagedChannel via = i % 2 == 0 && i < 12 ? a : b;
        created.add(create(via, "Kill test " + i));
      }
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(agents).allSatisfy(agent -> assertThat(agent.created()).containsAll(created)));
      for (Agent agent : agents) {
        assertNoGapsOrDuplicates(agent);
      }
      int moved = agents.stream().mapToInt(Agent::reconnects).sum();
      System.out.printf("topology: %d tickets created, %d agents each received all of them, %d streams moved to ticket-b%n",
          created.size(), agents.size(), moved);
      assertThat(moved).isGreaterThanOrEqualTo(3);
    } finally {
      a.shutdownNow();
      b.shutdownNow();
    }
  }

  @Test
  @Order(2)
  void redisPrimaryFailsOverWhileCreatesContinueAndStreamsAndAiJobsCatchUp() throws Exception {
    ManagedChannel b = channel(ticketB.target());
    List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Long> failureTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    try {
      // a create every 100 ms throughout, counting the ones refused while Redis fails over
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      producer.scheduleWithFixedDelay(() -> {
        try {
          created.add(create(b, "Failover test " + next.getAndIncrement()));
        } catch (StatusRuntimeException e) {
          failureTimes.add(System.nanoTime());
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(30)).until(() -> created.size() >= 10);
      long killedAt = System.nanoTime();
      Duration failover = redis.killPrimaryAndAwaitFailover(Duration.ofSeconds(60));
      int before = created.size();
      await().atMost(Duration.ofSeconds(60)).until(() -> created.size() >= before + 20);
      producer.shutdown();
      producer.awaitTermination(30, TimeUnit.SECONDS);
      double unavailableSeconds = failureTimes.isEmpty() ? 0
          : (failureTimes.getLast() - failureTimes.getFirst()) / 1e9 + 0.1;
      System.out.printf("topology: Redis primary killed; Sentinel failover took %d ms; creates failed %d time(s) over %.1f s "
          + "(from the kill: %.1f s); %d tickets created in all%n", failover.toMillis(), failureTimes.size(),
          unavailableSeconds, failureTimes.isEmpty() ? 0 : (failureTimes.getLast() - killedAt) / 1e9, created.size());
      assertThat(unavailableSeconds).isLessThan(15);
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
          assertThat(agents).allSatisfy(agent -> assertThat(agent.created()).containsAll(created)));
      for (Agent agent : agents) {
        assertNoGapsOrDuplicates(agent);
      }
      // every ticket's AI job ran, including any Redis lost in the failover (re-enqueued from PostgreSQL)
      await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
          assertThat(agents.getFirst().suggested()).containsAll(created));
      System.out.printf("topology: all %d tickets reached all %d agents and got their AI suggestion%n", created.size(), agents.size());
    } finally {
      producer.shutdownNow();
      b.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void everyAcknowledgedPostingSurvivesAKilledLedgerServerAndTheAuditPasses() throws Exception {
    ManagedChannel l = channel(ledger.target());
    try {
      var admin = LedgerServiceGrpc.newBlockingStub(l).withCallCredentials(TestTokens.bearer(seed.adminToken()));
      String product = admin.createCardProduct(CreateCardProductRequest.newBuilder().setName("Topology")
          .setNetwork(CardNetwork.CARD_NETWORK_VISA).setCurrency("USD").setPurchaseAprBps(1999).setCashAdvanceAprBps(2599)
          .setGraceDays(25).setMinPayment(MinimumPaymentRule.newBuilder().setFloor(usd(2500)).setPercentBps(100))
          .setLateFee(usd(4000)).build()).getProduct().getId();
      String card = admin.issueCard(IssueCardRequest.newBuilder().setProductId(product)
          .setHolderUserId(UUID.randomUUID().toString()).setCreditLimit(usd(1_000_000_000L)).setBillingCycleDay(28).build())
          .getCard().getId();
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService posters = Executors.newFixedThreadPool(4);
      for (int t = 0; t < 4; t++) {
        int thread = t;
        posters.submit(() -> {
          for (int i = 0; running.get(); i++) {
            String key = "topo-" + thread + "-" + i;
            try {
              admin.withDeadlineAfter(5, TimeUnit.SECONDS).purchase(PurchaseRequest.newBuilder().setCardId(card)
                  .setAmount(usd(100)).setMerchant(Merchant.newBuilder().setName("Topology Store").setMcc("5999"))
                  .setIdempotencyKey(key).build());
              acknowledged.add(key);
            } catch (StatusRuntimeException e) {
              // the ledger-server is down: wait until it answers again, then go on
              await().atMost(Duration.ofSeconds(60)).until(() -> !running.get() || serving(l));
            }
          }
          return null;
        });
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 40);
      ledger.kill();
      int atKill = acknowledged.size();
      ledger.restart();
      await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= atKill + 40);
      running.set(false);
      posters.shutdown();
      assertThat(posters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      Set<String> stored = new HashSet<>();
      String token = "";
      do {
        ListTransactionsResponse page = admin.listTransactions(ListTransactionsRequest.newBuilder().setCardId(card)
            .setPage(PageRequest.newBuilder().setPageSize(500).setPageToken(token)).build());
        page.getTransactionsList().forEach(tx -> stored.add(tx.getIdempotencyKey()));
        token = page.getPage().getNextPageToken();
      } while (!token.isEmpty());
      System.out.printf("topology: ledger-server killed after %d acknowledged postings and restarted; %d acknowledged in all,"
          + " %d stored%n", atKill, acknowledged.size(), stored.size());
      assertThat(stored).containsAll(acknowledged);
      assertThat(admin.audit(AuditRequest.getDefaultInstance()).getSummary().getPassed()).isTrue();
      CliRun.Result audit = CliRun.against(ledger.target(), seed.adminToken(), "ledger", "audit");
      assertThat(audit.exit()).as(audit.err()).isZero();
      assertThat(audit.out()).contains("PASSED");
    } finally {
      l.shutdownNow();
    }
  }

  private static void assertNoGapsOrDuplicates(Agent agent) {
    List<Long> seq = agent.sequences();
    assertThat(seq).as("sequences in arrival order").isSorted().doesNotHaveDuplicates();
    assertThat(seq.getLast() - seq.getFirst() + 1).as("gap-free from the first to the last").isEqualTo(seq.size());
  }

  private static boolean serving(ManagedChannel channel) {
    try {
      return io.grpc.health.v1.HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
          .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance()).getStatus()
          == io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  private static String create(ManagedChannel via, String subject) {
    return TicketServiceGrpc.newBlockingStub(via).withCallCredentials(TestTokens.bearer(seed.agentToken()))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .createTicket(CreateTicketRequest.newBuilder().setSubject(subject).setBody("Topology").build()).getTicket().getId();
  }

  private static ManagedChannel channel(String target) {
    return NettyChannelBuilder.forTarget(target).usePlaintext().build();
  }

  private static Money usd(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency("USD").build();
  }

  private static <T extends AutoCloseable> T register(T c) {
    closing.add(c);
    return c;
  }

  private static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> out = new HashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
