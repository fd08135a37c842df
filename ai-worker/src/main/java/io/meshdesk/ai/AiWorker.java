package io.meshdesk.ai;

import io.grpc.ManagedChannel;
import io.meshdesk.ai.assistant.AssistantGrpcService;
import io.meshdesk.ai.assistant.GrpcLedger;
import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.knowledge.ArticleStore;
import io.meshdesk.ai.knowledge.KnowledgeBase;
import io.meshdesk.ai.knowledge.ResolutionFeed;
import io.meshdesk.ai.knowledge.ResolutionStore;
import io.meshdesk.ai.knowledge.grpc.KnowledgeGrpcService;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import io.meshdesk.ai.worker.GrpcTicketPort;
import io.meshdesk.ai.worker.JobConsumer;
import io.meshdesk.ai.worker.JobProcessor;
import io.meshdesk.ai.worker.JobQueue;
import io.meshdesk.ai.worker.RelatedTickets;
import io.meshdesk.ai.worker.TokenProvider;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.TokenVerifier;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.RoleCheck;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.metrics.Metrics;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.ServerProcess;
import io.meshdesk.platform.runtime.Shutdown;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AI worker: consumes AI jobs from Redis, drafts suggestions (Gemini or offline), serves the
 * knowledge base and answers spending questions. Wires its parts explicitly (how drafters are
 * composed is {@link DrafterChain}'s); {@link Main} runs it as a process and {@code meshctl dev}
 * in-process.
 */
public final class AiWorker implements ServerProcess.Running {

  /** Liquibase changelogs this server owns, in order. */
  public static final List<String> CHANGELOGS =
      List.of("db/changelog/knowledge/master.yaml", "db/changelog/assistant/master.yaml");

  private final Shutdown resources = new Shutdown();
  private final GrpcServer grpc;
  private final KnowledgeBase knowledge;
  private final JobConsumer consumer;
  private final ResolutionFeed feed;

  private AiWorker(
      Infrastructure infra,
      GrpcConfig grpcConfig,
      Metrics metrics,
      TokenVerifier verifier,
      TokenProvider tokens,
      AiWorkerConfig config) {
    Clock clock = Clock.systemUTC();
    Database database =
        resources.register(
            new Database(
                infra.database().forServer(io.meshdesk.platform.config.DatabaseRole.AI),
                "ai-worker"));
    verifyRole(database);
    Redis redis = resources.register(new Redis(infra.redis()));
    Transactions tx = new Transactions(database.dataSource());
    KnowledgeIndex index = KnowledgeIndex.inMemory(Embedder.shared());
    resources.<AutoCloseable>register(() -> closeQuietly(index));
    this.knowledge =
        new KnowledgeBase(
            resources.register(new ArticleStore(database.dataSource())),
            new ResolutionStore(tx),
            index,
            clock);
    knowledge.rebuildIndex();

    ManagedChannel ticketChannel =
        io.meshdesk.platform.grpc.GrpcChannels.internal(config.ticketTarget(), grpcConfig.tls())
            .build();
    resources.<AutoCloseable>register(() -> shutdownChannel(ticketChannel));
    ManagedChannel ledgerChannel =
        io.meshdesk.platform.grpc.GrpcChannels.internal(config.ledgerTarget(), grpcConfig.tls())
            .build();
    resources.<AutoCloseable>register(() -> shutdownChannel(ledgerChannel));
    GrpcTicketPort tickets = new GrpcTicketPort(ticketChannel, tokens);

    Drafter drafter = DrafterChain.of(config, redis, clock);
    RelatedTickets related =
        new RelatedTickets(knowledge, tickets, Embedder::shared, config.related());
    JobProcessor processor =
        new JobProcessor(
            tickets, knowledge, drafter, config.worker().retrievalLimit(), clock, related);
    this.consumer =
        new JobConsumer(
            new JobQueue(redis.client(), config.worker().consumerName()),
            processor,
            config.worker(),
            clock);
    this.feed = new ResolutionFeed(knowledge, tickets, clock);

    AssistantGrpcService assistant =
        AssistantModule.service(
            new GrpcLedger(ledgerChannel), new Transactions(database.dataSource()), config, clock);
    GrpcServer.Builder builder =
        GrpcServer.builder("ai-worker", grpcConfig)
            .addInterceptor(new AuthInterceptor(verifier))
            .addHealthCheck(database.healthCheck())
            .addHealthCheck(redis.healthCheck());
    builder.addService(new KnowledgeGrpcService(knowledge)).addService(assistant.definition());
    if (metrics != null) {
      builder.metrics(metrics);
    }
    this.grpc = resources.register(builder.build());
    resources.register(consumer);
    resources.register(feed);
    feed.start(redis.client(), config.catchUpInterval());
  }

  /**
   * Builds and starts the worker.
   *
   * @param verifier verifies callers of KnowledgeService and AssistantService
   * @param tokens the worker's service token per tenant, for calls to the ticket server
   */
  public static AiWorker start(
      Infrastructure infra,
      GrpcConfig grpcConfig,
      Metrics metrics,
      TokenVerifier verifier,
      TokenProvider tokens,
      AiWorkerConfig config) {
    AiWorker server = new AiWorker(infra, grpcConfig, metrics, verifier, tokens, config);
    try {
      server.grpc.start();
      server.consumer.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The knowledge base (articles, solved tickets, index), e.g. for seeding demo data. */
  public KnowledgeBase knowledge() {
    return knowledge;
  }

  /** Its application services with their interceptor chain (for the grpc-web bridge). */
  public java.util.List<io.grpc.ServerServiceDefinition> services() {
    return grpc.services();
  }

  /** The gRPC port. */
  @Override
  public int port() {
    return grpc.port();
  }

  /** Blocks until the server stops. */
  @Override
  public void awaitTermination() throws InterruptedException {
    grpc.awaitTermination();
  }

  /**
   * Stops consuming (in-flight jobs stay pending for other workers), graceful gRPC stop, then the
   * pools.
   */
  @Override
  public void close() {
    resources.close();
  }

  private static void shutdownChannel(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(KnowledgeIndex index) {
    try {
      index.close();
    } catch (java.io.IOException e) {
      // derived data in memory; nothing to save
    }
  }

  /** Refuses to start (closing what was opened) when the pool's role could alter the schema. */
  private void verifyRole(Database database) {
    try {
      RoleCheck.verify(database.dataSource());
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }
}
