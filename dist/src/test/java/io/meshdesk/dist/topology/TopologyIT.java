package io.meshdesk.dist.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsResponse;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.CreateTicketResponse;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Meshdesk as it is deployed ({@link Topology}: separate processes from the distribution, Redis
 * with Sentinel, a grpc-web bridge in front), counted at the client: six agents stream (four native
 * gRPC, two grpc-web) while tickets are created through both servers and both bridges; a
 * ticket-server, the Redis primary and the ledger-server are killed mid-work, and nothing
 * acknowledged may be lost or delivered twice. The figures are printed as one block at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologyIT {

  /**
   * TLS on every hop: servers, their clients, the bridges (HTTPS and upstream), {@code bin/meshctl}
   * and the test's own clients. False runs the same topology plaintext, for comparison.
   */
  private static final boolean TLS = true;

  private static final Figures figures = new Figures();
  private static final List<Agent> agents = new ArrayList<>();
  private static final Set<String> allCreated = ConcurrentHashMap.newKeySet();
  private static long startedAt;
  private static Topology topo;
  private static ManagedChannel grpcA;
  private static ManagedChannel grpcB;
  private static GrpcWebClient webA;
  private static GrpcWebClient webB;

  @BeforeAll
  static void start() throws Exception {
    startedAt = System.nanoTime();
    topo = new Topology(TLS);
    grpcA = topo.tls.channel(topo.ticketA.target());
    grpcB = topo.tls.channel(topo.ticketB.target());
    webA = topo.register(new GrpcWebClient(topo.bridgeA.port(), topo.tls));
    webB = topo.register(new GrpcWebClient(topo.bridgeB.port(), topo.tls));
    for (int i = 0; i < 4; i++) {
      List<ManagedChannel> channels =
          List.of(topo.tls.channel(topo.ticketA.target()), topo.tls.channel(topo.ticketB.target()));
      agents.add(
          topo.register(
              new Agent("grpc-" + i, topo.seed.agentToken(), Agent.grpc(channels), i % 2)));
    }
    for (int i = 0; i < 2; i++) {
      List<GrpcWebClient> bridges =
          List.of(
              new GrpcWebClient(topo.bridgeA.port(), topo.tls),
              new GrpcWebClient(topo.bridgeB.port(), topo.tls));
      agents.add(
          topo.register(
              new Agent("web-" + i, topo.seed.agentToken(), Agent.grpcWeb(bridges), i % 2)));
    }
    // every stream is live before the first create, so "the streams on ticket-a" are real streams
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(() -> assertThat(agents).allSatisfy(a -> assertThat(a.everLive()).isTrue()));
    figures.add(
        "setup",
        "%s; %d agents (4 native gRPC, 2 grpc-web via the bridges); servers from the distribution's "
            + "launchers; up in %.1f s",
        TLS ? "TLS on every hop" : "PLAINTEXT (MESHDESK_TLS_DISABLED=true)",
        agents.size(),
        (System.nanoTime() - startedAt) / 1e9);
  }

  @AfterAll
  static void stop() {
    if (grpcA != null) {
      grpcA.shutdownNow();
      grpcB.shutdownNow();
    }
    if (topo != null) {
      topo.close();
    }
    figures.add("TopologyIT wall time", "%.1f s", (System.nanoTime() - startedAt) / 1e9);
    System.out.println(figures.block());
  }

  @Test
  @Order(1)
  void agentsOfAKilledTicketServerResumeOnTheOtherWithNothingLostOrDuplicated() {
    List<String> created = new ArrayList<>();
    long killedAt = 0;
    List<Agent> onA = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (i == 12) {
        agents.stream().filter(a -> a.current() == 0).forEach(onA::add);
        killedAt = System.nanoTime();
        topo.ticketA.kill();
      }
      // before the kill: native and grpc-web through both servers; after it, through ticket-b only
      int route = i < 12 ? i % 4 : 1 + 2 * (i % 2);
      created.add(create(route, "Kill test " + i));
    }
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(agents)
                      .allSatisfy(agent -> assertThat(agent.created()).containsAll(created)));
    } catch (AssertionError | RuntimeException e) {
      System.out.println("created, in order: " + created);
      agents.forEach(a -> System.out.println(a.diagnosis(created)));
      throw e;
    }
    long kill = killedAt;
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(onA)
                    .allSatisfy(agent -> assertThat(agent.liveAfter(kill)).isPositive()));
    long slowest = onA.stream().mapToLong(a -> a.liveAfter(kill) - kill).max().orElse(0);
    countEvents("  events", created);
    figures.add(
        "ticket-server kill (SIGKILL)",
        "%d of %d streams were on ticket-a; all live again on ticket-b "
            + "(CaughtUp) within %d ms of the kill",
        onA.size(),
        agents.size(),
        TimeUnit.NANOSECONDS.toMillis(slowest));
    // Both transports were moved (an agent whose first stream failed may already be on ticket-b).
    assertThat(onA)
        .anySatisfy(a -> assertThat(a.name()).startsWith("grpc"))
        .anySatisfy(a -> assertThat(a.name()).startsWith("web"));
    allCreated.addAll(created);
  }

  @Test
  @Order(2)
  void redisPrimaryFailsOverWhileCreatesRemindersAndAiJobsContinueWithNoneLost() throws Exception {
    String admin = topo.seed.adminToken();
    ManagedChannel ledger = topo.tls.channel(topo.ledger.target());
    ScheduledExecutorService producers = Executors.newScheduledThreadPool(2);
    try {
      CardReminders reminders =
          new CardReminders(
              LedgerServiceGrpc.newBlockingStub(ledger)
                  .withCallCredentials(TestTokens.bearer(admin)),
              ReminderServiceGrpc.newBlockingStub(ledger)
                  .withCallCredentials(TestTokens.bearer(admin)),
              topo.smtp,
              6);
      List<String> created = new CopyOnWriteArrayList<>();
      List<Long> failures = new CopyOnWriteArrayList<>();
      java.util.concurrent.atomic.AtomicLong slowestCreate =
          new java.util.concurrent.atomic.AtomicLong();
      AtomicInteger next = new AtomicInteger();
      // a create every 100 ms throughout, native and grpc-web in turn, counting the ones refused
      producers.scheduleWithFixedDelay(
          () -> {
            int i = next.getAndIncrement();
            long t0 = System.nanoTime();
            try {
              created.add(create(1 + 2 * (i % 2), "Failover test " + i));
              slowestCreate.accumulateAndGet(System.nanoTime() - t0, Math::max);
            } catch (StatusRuntimeException e) {
              failures.add(System.nanoTime());
            }
          },
          0,
          100,
          TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(60)).until(() -> created.size() >= 15);
      // one card's utilisation reminder falls due every 700 ms, from just before the kill on
      producers.scheduleWithFixedDelay(reminders::purchaseNext, 0, 700, TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(60)).until(() -> reminders.mailsPerMailbox().size() >= 1);
      long killedAt = System.nanoTime();
      Duration failover = topo.redis.killPrimaryAndAwaitFailover(Duration.ofSeconds(60));
      int before = created.size();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> created.size() >= before + 20 && reminders.allPurchased());
      producers.shutdown();
      assertThat(producers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      double unavailable =
          failures.isEmpty() ? 0 : (failures.getLast() - failures.getFirst()) / 1e9 + 0.1;
      figures.add(
          "Redis primary kill",
          "Sentinel promoted the replica %d ms after the kill",
          failover.toMillis());
      figures.add(
          "  creates refused (UNAVAILABLE)",
          "%d, over a window of %.1f s (last one %.1f s after the kill); " + "%d created",
          failures.size(),
          unavailable,
          failures.isEmpty() ? 0 : (failures.getLast() - killedAt) / 1e9,
          created.size());
      figures.add(
          "  slowest successful create",
          "%d ms",
          TimeUnit.NANOSECONDS.toMillis(slowestCreate.get()));
      assertThat(unavailable).isLessThan(15);
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(agents)
                      .allSatisfy(agent -> assertThat(agent.created()).containsAll(created)));
      countEvents("  events", created);
      allCreated.addAll(created);

      // every ticket's AI job ran, including any Redis lost in the failover (re-enqueued from
      // PostgreSQL)
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(() -> assertThat(agents.getFirst().suggested()).containsAll(allCreated));
      figures.add(
          "  AI suggestions",
          "%d tickets created in all, %d got their AI suggestion",
          allCreated.size(),
          agents.getFirst().suggested().stream().filter(allCreated::contains).count());

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> reminders.mailsPerMailbox().size() == reminders.expected());
      var mails = reminders.mailsPerMailbox();
      figures.add(
          "  reminders (e-mail)",
          "%d due around the kill, %d delivered, %d duplicated",
          reminders.expected(),
          mails.size(),
          mails.values().stream().mapToInt(n -> n - 1).sum());
      assertThat(mails.values())
          .as("mails per mailbox")
          .hasSize(reminders.expected())
          .containsOnly(1);
    } finally {
      producers.shutdownNow();
      ledger.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void everyAcknowledgedPostingSurvivesAKilledLedgerServerAndTheAuditPasses() throws Exception {
    ManagedChannel l = topo.tls.channel(topo.ledger.target());
    try {
      var admin =
          LedgerServiceGrpc.newBlockingStub(l)
              .withCallCredentials(TestTokens.bearer(topo.seed.adminToken()));
      String card = CardReminders.issue(admin, CardReminders.product(admin), 1_000_000_000L);
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService posters = Executors.newFixedThreadPool(4);
      for (int t = 0; t < 4; t++) {
        int thread = t;
        posters.submit(
            () -> {
              for (int i = 0; running.get(); i++) {
                String key = "topo-" + thread + "-" + i;
                try {
                  admin
                      .withDeadlineAfter(5, TimeUnit.SECONDS)
                      .purchase(
                          PurchaseRequest.newBuilder()
                              .setCardId(card)
                              .setAmount(CardReminders.usd(100))
                              .setMerchant(
                                  Merchant.newBuilder().setName("Topology Store").setMcc("5999"))
                              .setIdempotencyKey(key)
                              .build());
                  acknowledged.add(key);
                } catch (StatusRuntimeException e) {
                  // the ledger-server is down: wait until it answers again, then go on
                  await().atMost(Duration.ofSeconds(60)).until(() -> !running.get() || serving(l));
                }
              }
              return null;
            });
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 40);
      topo.ledger.kill();
      int atKill = acknowledged.size();
      long killedAt = System.nanoTime();
      topo.ledger.restart();
      long restartedIn = System.nanoTime() - killedAt;
      await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= atKill + 40);
      running.set(false);
      posters.shutdown();
      assertThat(posters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      Set<String> stored = new HashSet<>();
      String token = "";
      do {
        ListTransactionsResponse page =
            admin.listTransactions(
                ListTransactionsRequest.newBuilder()
                    .setCardId(card)
                    .setPage(PageRequest.newBuilder().setPageSize(500).setPageToken(token))
                    .build());
        page.getTransactionsList().forEach(tx -> stored.add(tx.getIdempotencyKey()));
        token = page.getPage().getNextPageToken();
      } while (!token.isEmpty());
      Topology.MeshctlRun audit =
          topo.meshctl(topo.ledger.target(), topo.seed.adminToken(), "ledger", "audit");
      figures.add(
          "ledger-server kill (SIGKILL)",
          "after %d acknowledged postings; restarted and SERVING in %.1f s",
          atKill,
          restartedIn / 1e9);
      figures.add(
          "  postings",
          "%d acknowledged, %d of them present, %d stored in all",
          acknowledged.size(),
          acknowledged.stream().filter(stored::contains).count(),
          stored.size());
      figures.add(
          "  bin/meshctl ledger audit",
          "exit %d, %s",
          audit.exit(),
          audit.output().contains("PASSED") ? "PASSED" : "NOT PASSED");
      assertThat(stored).containsAll(acknowledged);
      assertThat(admin.audit(AuditRequest.getDefaultInstance()).getSummary().getPassed()).isTrue();
      assertThat(audit.exit()).as(audit.output()).isZero();
      assertThat(audit.output()).contains("PASSED");
    } finally {
      l.shutdownNow();
    }
  }

  /** Adds the event counts of {@code created} over all agents, and checks each agent's sequence. */
  private static void countEvents(String label, List<String> created) {
    long received =
        agents.stream()
            .mapToLong(a -> created.stream().filter(a.created()::contains).count())
            .sum();
    int duplicated = agents.stream().mapToInt(Agent::duplicates).sum();
    figures.add(
        label,
        "%d tickets created; TicketCreated expected %d (x %d agents), received %d, duplicated %d",
        created.size(),
        (long) created.size() * agents.size(),
        agents.size(),
        received,
        duplicated);
    for (Agent agent : agents) {
      List<Long> seq = agent.sequences();
      assertThat(seq)
          .as(agent.name() + ": sequences in arrival order")
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(seq.getLast() - seq.getFirst() + 1)
          .as(agent.name() + ": gap-free")
          .isEqualTo(seq.size());
    }
  }

  private static boolean serving(ManagedChannel channel) {
    try {
      return HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(1, TimeUnit.SECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus()
          == ServingStatus.SERVING;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  /**
   * Creates a ticket by route 0 native to ticket-a, 1 native to ticket-b, 2 grpc-web via a's
   * bridge, 3 via b's.
   */
  private static String create(int route, String subject) {
    CreateTicketRequest req =
        CreateTicketRequest.newBuilder().setSubject(subject).setBody("Topology").build();
    String token = topo.seed.agentToken();
    CreateTicketResponse res =
        switch (route) {
          case 0, 1 ->
              TicketServiceGrpc.newBlockingStub(route == 0 ? grpcA : grpcB)
                  .withCallCredentials(TestTokens.bearer(token))
                  .withDeadlineAfter(10, TimeUnit.SECONDS)
                  .createTicket(req);
          default ->
              (route == 2 ? webA : webB)
                  .unary(
                      TicketServiceGrpc.getCreateTicketMethod().getFullMethodName(),
                      token,
                      req,
                      CreateTicketResponse.parser(),
                      Duration.ofSeconds(10));
        };
    return res.getTicket().getId();
  }
}
