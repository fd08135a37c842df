package io.meshdesk.ai.worker;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.meshdesk.ai.AiWorker;
import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.ai.knowledge.ArticleStore;
import io.meshdesk.ai.knowledge.KnowledgeBase;
import io.meshdesk.ai.knowledge.ResolutionStore;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ai.v1.AiJobKind;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a worker test needs, real except the ticket server: PostgreSQL with the knowledge
 * schema, Redis, the knowledge base, and {@link FakeTicketServer} behind the real auth interceptor.
 */
public final class WorkerHarness implements AutoCloseable {

  public final TestTokens tokens = new TestTokens();
  public final FakeTicketServer ticketServer = new FakeTicketServer();
  public final Database database;
  public final Redis redis;
  public final KnowledgeBase knowledge;
  public final TicketPort tickets;
  private final Server server;
  private final ManagedChannel channel;
  private final List<JobConsumer> consumers = new ArrayList<>();
  private final UUID workerAccount = UUID.randomUUID();

  public WorkerHarness(String name) {
    this(name, null);
  }

  /** A harness whose index embeds with {@code embedder} (null: BM25 only, no learned triage). */
  public WorkerHarness(String name, io.meshdesk.ai.embedding.TextEmbedder embedder) {
    DatabaseConfig db = TestEnvironment.get().newDatabase(name);
    Migrations.apply(db, AiWorker.CHANGELOGS);
    database = new Database(db, name);
    redis = new Redis(TestEnvironment.get().newRedis(name));
    knowledge =
        new KnowledgeBase(
            new ArticleStore(database.dataSource()),
            new ResolutionStore(new Transactions(database.dataSource())),
            KnowledgeIndex.inMemory(embedder),
            Clock.systemUTC());
    String serverName = InProcessServerBuilder.generateName();
    try {
      server =
          InProcessServerBuilder.forName(serverName)
              .addService(
                  GrpcServer.wrap(ticketServer.bindService(), List.of(tokens.interceptor())))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = InProcessChannelBuilder.forName(serverName).build();
    tickets =
        new GrpcTicketPort(
            channel,
            tenant ->
                tokens.service(tenant, workerAccount, Set.of("suggestions.write", "tickets.read")));
  }

  /** Starts a consumer named {@code name} drafting with {@code drafter}. */
  public JobConsumer startConsumer(
      String name, Drafter drafter, Duration visibility, int maxDeliveries) {
    return startConsumer(
        name, drafter, visibility, maxDeliveries, WorkerConfig.defaults().concurrency());
  }

  /** Starts a consumer running at most {@code concurrency} jobs at once. */
  public JobConsumer startConsumer(
      String name, Drafter drafter, Duration visibility, int maxDeliveries, int concurrency) {
    WorkerConfig d = WorkerConfig.defaults().with(name, visibility, maxDeliveries);
    WorkerConfig config =
        new WorkerConfig(
            name,
            concurrency,
            d.visibilityTimeout(),
            d.maxDeliveries(),
            d.ratePerMinute(),
            d.pollTimeout(),
            d.claimInterval(),
            d.retrievalLimit());
    JobProcessor processor =
        new JobProcessor(
            tickets,
            knowledge,
            drafter,
            5,
            Clock.systemUTC(),
            new RelatedTickets(
                knowledge,
                tickets,
                io.meshdesk.ai.embedding.Embedder::shared,
                RelatedConfig.defaults()));
    JobConsumer c =
        new JobConsumer(new JobQueue(redis.client(), name), processor, config, Clock.systemUTC())
            .start();
    consumers.add(c);
    return c;
  }

  /** Enqueues a triage job for {@code ticket} the way the ticket server does; returns the job. */
  public AiJob enqueue(UUID tenant, Ticket ticket) {
    AiJob job =
        AiJob.newBuilder()
            .setJobId(UUID.randomUUID().toString())
            .setTenantId(tenant.toString())
            .setTicketId(ticket.getId())
            .setKind(AiJobKind.AI_JOB_KIND_TRIAGE_AND_DRAFT)
            .setAttempt(1)
            .setEnqueuedAt(Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000))
            .setTicketVersion(ticket.getVersion())
            .build();
    JobQueue.enqueue(redis.client(), job);
    return job;
  }

  /** Unacknowledged jobs of the group. */
  public long pending() {
    return new JobQueue(redis.client(), "probe").pendingCount();
  }

  /** Entries in the dead-letter stream. */
  public long deadLetters() {
    return redis.client().getStream(WorkerConfig.DEAD_LETTER_STREAM).size();
  }

  @Override
  public void close() {
    consumers.forEach(JobConsumer::close);
    channel.shutdownNow();
    server.shutdownNow();
    redis.close();
    database.close();
  }
}
