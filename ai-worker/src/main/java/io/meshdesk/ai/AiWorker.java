package io.meshdesk.ai;

import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.metrics.Metrics;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;
import java.util.List;

/**
 * The AI worker: consumes AI jobs from Redis, drafts suggestions (Gemini or offline), answers spending questions. Wires
 * its parts explicitly; {@link Main} runs it as a process and {@code meshctl dev} in-process.
 */
public final class AiWorker implements AutoCloseable {

  /** Liquibase changelogs this server owns, in order. */
  public static final List<String> CHANGELOGS = List.of();

  private final Shutdown resources = new Shutdown();
  private final GrpcServer grpc;

  private AiWorker(Infrastructure infra, GrpcConfig grpcConfig, Metrics metrics) {
    Migrations.apply(infra.database(), CHANGELOGS);
    Database database = resources.register(new Database(infra.database(), "ai-worker"));
    Redis redis = resources.register(new Redis(infra.redis()));
    GrpcServer.Builder builder =
        GrpcServer.builder("ai-worker", grpcConfig)
            .addHealthCheck(database.healthCheck())
            .addHealthCheck(redis.healthCheck());
    if (metrics != null) {
      builder.metrics(metrics);
    }
    this.grpc = resources.register(builder.build());
  }

  /** Builds and starts the server. */
  public static AiWorker start(Infrastructure infra, GrpcConfig grpcConfig, Metrics metrics) {
    AiWorker server = new AiWorker(infra, grpcConfig, metrics);
    server.grpc.start();
    return server;
  }

  /** The gRPC port. */
  public int port() {
    return grpc.port();
  }

  /** Blocks until the server stops. */
  public void awaitTermination() throws InterruptedException {
    grpc.awaitTermination();
  }

  /** Graceful stop, then the pools. */
  @Override
  public void close() {
    resources.close();
  }
}
