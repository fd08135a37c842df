package io.meshdesk.cli.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.meshdesk.ai.AiWorker;
import io.meshdesk.ai.AiWorkerConfig;
import io.meshdesk.ai.knowledge.Resolution;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.ai.worker.IdentityTokenProvider;
import io.meshdesk.ai.worker.JobQueue;
import io.meshdesk.ai.worker.WorkerConfig;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsResponse;
import io.meshdesk.api.ticket.v1.SimilarTicket;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.cli.demo.DemoSeed;
import io.meshdesk.cli.migrate.MigrateCommand;
import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.platform.auth.Verifiers;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.redis.RedisKeys;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.TicketServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamRangeArgs;

/**
 * The AI pipeline with its real parts: a customer's ticket created through the real ticket-server
 * becomes a job on Redis, the real ai-worker (offline drafter) drafts and attaches a suggestion,
 * and the agent's live stream carries it; stored in the real PostgreSQL.
 */
class AiPipelineIT {

  private static final Shutdown shared = new Shutdown();
  private static final List<AiWorker> workers = new ArrayList<>();
  private static Infrastructure infra;
  private static String identityTarget;
  private static Verifiers.RemoteIdentityVerifier verifier;
  private static IdentityTokenProvider workerTokens;
  private static Transactions tx;
  private static Redis redis;
  private static UUID tenant;
  private static TicketServiceGrpc.TicketServiceBlockingStub customer;
  private static TicketServiceGrpc.TicketServiceStub agent;
  private static TicketServiceGrpc.TicketServiceBlockingStub agentBlocking;

  @BeforeAll
  static void start() {
    var db = TestEnvironment.get().newDatabase("aipipeline");
    MigrateCommand.applyAll(db);
    infra = new Infrastructure(db, TestEnvironment.get().newRedis("aipipeline"));
    TicketServer ticket =
        shared.register(
            TicketServer.start(
                infra,
                GrpcConfig.loopback().withPort(0, -1),
                null,
                IdentityConfig.fromEnv(Env.system()).withLocalKeyEncryption()));
    identityTarget = "127.0.0.1:" + ticket.port();
    DemoSeed.Seeded seeded =
        DemoSeed.seed(ticket.identity(), new PrintStream(OutputStream.nullOutputStream()));
    tenant = seeded.tenantId();

    Database database = shared.register(new Database(infra.database(), "aipipeline-test"));
    tx = new Transactions(database.dataSource());
    redis = shared.register(new Redis(infra.redis()));
    verifier =
        shared.register(
            Verifiers.forRemoteIdentity(identityTarget, TlsConfig.plaintext(), redis, database));
    workerTokens =
        shared.register(
            new IdentityTokenProvider(
                identityTarget,
                TlsConfig.plaintext(),
                seeded.aiClientId(),
                seeded.aiClientSecret(),
                Clock.systemUTC()));

    ManagedChannel channel = ManagedChannelBuilder.forTarget(identityTarget).usePlaintext().build();
    shared.<AutoCloseable>register(channel::shutdownNow);
    String password = seeded.logins().get(1)[2];
    customer =
        TicketServiceGrpc.newBlockingStub(channel)
            .withCallCredentials(
                TestTokens.bearer(login(channel, "customer@demo.meshdesk.dev", password)));
    String agentToken = login(channel, "agent@demo.meshdesk.dev", password);
    agent = TicketServiceGrpc.newStub(channel).withCallCredentials(TestTokens.bearer(agentToken));
    agentBlocking =
        TicketServiceGrpc.newBlockingStub(channel)
            .withCallCredentials(TestTokens.bearer(agentToken));
  }

  @AfterEach
  void stopWorkers() {
    workers.forEach(AiWorker::close);
    workers.clear();
  }

  @AfterAll
  static void stop() {
    shared.close();
  }

  @Test
  void customersTicketGetsTheWorkersSuggestionOnTheAgentsStream() {
    List<TicketEvent> stream = subscribeAsAgent();
    startWorker("w-live", Duration.ofSeconds(30));

    Ticket created =
        createTicket(
            "Charged twice", "My card was charged twice for the same invoice; please refund one.");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> suggestionsOn(stream, created.getId()).size() == 1);
    Suggestion s = suggestionsOn(stream, created.getId()).getFirst();
    assertThat(s.getDrafter()).startsWith(OfflineDrafter.NAME + " | triage ");
    assertThat(s.getDraftedReply()).isNotBlank();
    assertThat(storedSuggestionJobs(created.getId())).containsExactly(s.getJobId());
  }

  @Test
  void jobOfAKilledWorkerIsClaimedAndFinishedByAnother() {
    Ticket created =
        createTicket("Cannot log in", "The login page keeps saying my password is wrong.");
    // a worker read the job and died before acknowledging it (what a killed process leaves behind)
    JobQueue killed = new JobQueue(redis.client(), "w-killed");
    killed.ensureGroup();
    JobQueue.Delivery taken = awaitDeliveryOf(killed, created.getId());
    assertThat(killed.pendingCount()).isPositive();

    startWorker("w-rescuer", Duration.ofMillis(500));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> storedSuggestionJobs(created.getId()).size() == 1);
    assertThat(storedSuggestionJobs(created.getId())).containsExactly(jobIdOf(taken));
    await().until(() -> killed.pendingCount() == 0);
  }

  @Test
  void jobDeliveredTwiceLeavesOneSuggestionInTheDatabaseAndOnTheStream() {
    List<TicketEvent> stream = subscribeAsAgent();
    Ticket created = createTicket("Refund", "Please refund my duplicate payment.");
    // the job's entry is on the stream twice (as after a re-enqueue)
    RStream<String, String> jobs = redis.client().getStream(RedisKeys.AI_JOBS_STREAM);
    Map<String, String> entry = await().until(() -> entryOf(jobs, created.getId()), e -> e != null);
    StreamMessageId second = jobs.add(StreamAddArgs.entries(entry));

    startWorker("w-twice", Duration.ofSeconds(30));

    // both entries delivered and acknowledged
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jobs.listGroups().stream()
                    .anyMatch(
                        g ->
                            g.getName().equals(WorkerConfig.GROUP)
                                && notBefore(g.getLastDeliveredId(), second)
                                && g.getPending() == 0));
    // marker: a later ticket's event; a second SuggestionReady of the first ticket would have come
    // before it
    Ticket marker = createTicket("Marker", "A later ticket.");
    await()
        .until(
            () ->
                stream.stream()
                    .anyMatch(e -> e.hasTicketCreated() && e.getTicketId().equals(marker.getId())));
    assertThat(suggestionsOn(stream, created.getId())).hasSize(1);
    assertThat(storedSuggestionJobs(created.getId())).hasSize(1);
  }

  @Test
  void suggestionShowsSimilarSolvedTicketsAndTheDuplicateWhichTheAgentMerges() {
    List<TicketEvent> stream = subscribeAsAgent();
    startWorker("w-related", Duration.ofSeconds(30));
    UUID solved = UUID.randomUUID();
    workers
        .getLast()
        .knowledge()
        .recordResolution(
            new Resolution(
                tenant,
                solved,
                "Unknown streaming subscription charge",
                "A monthly charge from a streaming service I never subscribed to.",
                "The charge came from a free trial that turned into a paid plan; we cancelled it and refunded the charge.",
                java.time.Instant.now()));
    Ticket first =
        createTicket(
            "Strange charge", "I see a 49.99 charge from Streamflix that I do not recognise.");

    Ticket second =
        createTicket(
            "Unknown transaction of 49.99 EUR",
            "There is a charge from STREAMFLIX I never signed up for.");

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> suggestionsOn(stream, second.getId()).size() == 1);
    Suggestion s = suggestionsOn(stream, second.getId()).getFirst();
    // the customer's other open tickets (of the other tests) are about other problems
    assertThat(s.getLikelyDuplicatesList())
        .first()
        .satisfies(
            d -> {
              assertThat(d.getTicketId()).isEqualTo(first.getId());
              assertThat(d.getNumber()).isEqualTo(first.getNumber());
              assertThat(d.getScore()).isBetween(0.6f, 1f);
            });
    assertThat(s.getSimilarTicketsList())
        .extracting(SimilarTicket::getTicketId, SimilarTicket::getResolution)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                solved.toString(),
                "The charge came from a free trial that turned into a paid plan; we cancelled it and refunded the charge."));
    // stored with the ticket, as agents' consoles read it
    assertThat(
            agentBlocking
                .getTicket(GetTicketRequest.newBuilder().setTicketId(second.getId()).build())
                .getLatestSuggestion()
                .getLikelyDuplicatesList())
        .isEqualTo(s.getLikelyDuplicatesList());

    MergeTicketsResponse merged =
        agentBlocking.mergeTickets(
            MergeTicketsRequest.newBuilder()
                .setDuplicateTicketId(second.getId())
                .setTargetTicketId(s.getLikelyDuplicates(0).getTicketId())
                .setRequestId("merge-" + second.getId())
                .build());
    assertThat(merged.getDuplicate().getStatus()).isEqualTo(TicketStatus.TICKET_STATUS_CLOSED);
    assertThat(merged.getTarget().getId()).isEqualTo(first.getId());
  }

  private static String login(ManagedChannel channel, String email, String password) {
    return IdentityServiceGrpc.newBlockingStub(channel)
        .login(
            LoginRequest.newBuilder()
                .setTenantSlug("demo")
                .setEmail(email)
                .setPassword(password)
                .build())
        .getTokens()
        .getAccessToken();
  }

  private static void startWorker(String name, Duration visibility) {
    AiWorkerConfig offline = AiWorkerConfig.offline(identityTarget, "127.0.0.1:1");
    WorkerConfig worker = WorkerConfig.defaults().with(name, visibility, 5);
    workers.add(
        AiWorker.start(
            infra,
            GrpcConfig.loopback().withPort(0, -1),
            null,
            verifier,
            workerTokens,
            new AiWorkerConfig(
                identityTarget,
                offline.ledgerTarget(),
                worker,
                offline.gemini(),
                offline.catchUpInterval(),
                offline.assistant(),
                offline.related())));
  }

  private static Ticket createTicket(String subject, String body) {
    return customer
        .createTicket(CreateTicketRequest.newBuilder().setSubject(subject).setBody(body).build())
        .getTicket();
  }

  private static List<TicketEvent> subscribeAsAgent() {
    List<TicketEvent> events = new CopyOnWriteArrayList<>();
    agent.subscribe(
        SubscribeRequest.getDefaultInstance(),
        new StreamObserver<>() {
          @Override
          public void onNext(SubscribeResponse r) {
            events.add(r.getEvent());
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    await().until(() -> events.stream().anyMatch(TicketEvent::hasCaughtUp));
    return events;
  }

  private static List<Suggestion> suggestionsOn(List<TicketEvent> stream, String ticketId) {
    return stream.stream()
        .filter(e -> e.hasSuggestionReady() && e.getTicketId().equals(ticketId))
        .map(e -> e.getSuggestionReady().getSuggestion())
        .toList();
  }

  /** Job ids of the suggestions stored for the ticket, read from PostgreSQL. */
  private static List<String> storedSuggestionJobs(String ticketId) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select job_id from ticket.suggestions where ticket_id = ?")) {
            ps.setObject(1, UUID.fromString(ticketId));
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
            return ids;
          }
        });
  }

  /**
   * Reads as {@code queue}'s consumer until the job of {@code ticketId} comes; other jobs are
   * acknowledged.
   */
  private static JobQueue.Delivery awaitDeliveryOf(JobQueue queue, String ticketId) {
    List<JobQueue.Delivery> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (JobQueue.Delivery d : queue.readNew(10, Duration.ofMillis(200))) {
                if (d.job().getTicketId().equals(ticketId)) {
                  found.add(d);
                } else {
                  queue.ack(d.id());
                }
              }
              return !found.isEmpty();
            });
    return found.getFirst();
  }

  private static boolean notBefore(StreamMessageId id, StreamMessageId other) {
    return id.getId0() > other.getId0()
        || id.getId0() == other.getId0() && id.getId1() >= other.getId1();
  }

  private static String jobIdOf(JobQueue.Delivery d) {
    try {
      return d.job().getJobId();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> entryOf(RStream<String, String> jobs, String ticketId)
      throws Exception {
    for (var e :
        jobs.range(StreamRangeArgs.startId(StreamMessageId.MIN).endId(StreamMessageId.MAX))
            .values()) {
      if (new JobQueue.Delivery(null, e, 1).job().getTicketId().equals(ticketId)) {
        return e;
      }
    }
    return null;
  }
}
