package io.meshdesk.ticket;

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
 * The ticket server: identity (tenants, users, tokens) and tickets with live agent streams. Wires
 * its parts explicitly; {@link Main} runs it as a process and {@code meshctl dev} in-process.
 */
public final class TicketServer implements AutoCloseable {

  /** Liquibase changelogs this server owns, in order. */
  public static final List<String> CHANGELOGS = List.of("db/changelog/ticket/master.yaml");

  private final Shutdown resources = new Shutdown();
  private final GrpcServer grpc;

  private TicketServer(Infrastructure infra, GrpcConfig grpcConfig, Metrics metrics) {
    Migrations.apply(infra.database(), CHANGELOGS);
    Database database = resources.register(new Database(infra.database(), "ticket-server"));
    Redis redis = resources.register(new Redis(infra.redis()));
    GrpcServer.Builder builder =
        GrpcServer.builder("ticket-server", grpcConfig)
            .addHealthCheck(database.healthCheck())
            .addHealthCheck(redis.healthCheck());
    if (metrics != null) {
      builder.metrics(metrics);
    }
    this.grpc = resources.register(builder.build());
  }

  /** Builds and starts the server. */
  public static TicketServer start(Infrastructure infra, GrpcConfig grpcConfig, Metrics metrics) {
    TicketServer server = new TicketServer(infra, grpcConfig, metrics);
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
