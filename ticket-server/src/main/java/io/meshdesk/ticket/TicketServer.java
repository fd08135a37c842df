package io.meshdesk.ticket;

import io.meshdesk.identity.grpc.IdentityGrpcService;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.RoleCheck;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.metrics.Metrics;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.ServerProcess;
import io.meshdesk.platform.runtime.Shutdown;
import java.util.List;

/**
 * The ticket server: identity (tenants, users, tokens) and tickets with live agent streams. Wires
 * its parts explicitly; {@link Main} runs it as a process and {@code meshctl dev} in-process.
 */
public final class TicketServer implements ServerProcess.Running {

  /** Liquibase changelogs this server owns, in order. */
  public static final List<String> CHANGELOGS =
      List.of(io.meshdesk.identity.IdentityModule.CHANGELOG, "db/changelog/ticket/master.yaml");

  private final Shutdown resources = new Shutdown();
  private final GrpcServer grpc;
  private final io.meshdesk.identity.IdentityModule identity;
  private final TicketModule tickets;

  private TicketServer(
      Infrastructure infra,
      GrpcConfig grpcConfig,
      Metrics metrics,
      io.meshdesk.identity.domain.IdentityConfig identityConfig) {
    Database database =
        resources.register(
            new Database(
                infra.database().forServer(io.meshdesk.platform.config.DatabaseRole.TICKET),
                "ticket-server"));
    verifyRole(database);
    Redis redis = resources.register(new Redis(infra.redis()));
    this.identity =
        resources.register(
            new io.meshdesk.identity.IdentityModule(
                database.dataSource(),
                redis.client(),
                identityConfig,
                java.time.Clock.systemUTC()));
    GrpcServer.Builder builder =
        GrpcServer.builder("ticket-server", grpcConfig)
            .addHealthCheck(database.healthCheck())
            .addHealthCheck(redis.healthCheck())
            .addInterceptor(identity.interceptor())
            .addService(IdentityGrpcService.withClientAddress(identity));
    this.tickets =
        resources.register(
            new TicketModule(
                database,
                redis,
                new io.meshdesk.ticket.persistence.JdbcUserDirectory(
                    new io.meshdesk.platform.db.Transactions(database.dataSource())),
                java.time.Clock.systemUTC(),
                TicketConfig.fromEnv(io.meshdesk.platform.config.Env.system())));
    builder.addService(tickets.service());
    if (metrics != null) {
      builder.metrics(metrics);
    }
    this.grpc = resources.register(builder.build());
  }

  /** Builds and starts the server with identity settings from the environment. */
  public static TicketServer start(Infrastructure infra, GrpcConfig grpcConfig, Metrics metrics) {
    return start(
        infra,
        grpcConfig,
        metrics,
        io.meshdesk.identity.domain.IdentityConfig.fromEnv(
            io.meshdesk.platform.config.Env.system()));
  }

  /**
   * Builds and starts the server with these identity settings ({@code meshctl dev} and tests relax
   * key sealing).
   */
  public static TicketServer start(
      Infrastructure infra,
      GrpcConfig grpcConfig,
      Metrics metrics,
      io.meshdesk.identity.domain.IdentityConfig identityConfig) {
    TicketServer server = new TicketServer(infra, grpcConfig, metrics, identityConfig);
    try {
      server.grpc.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
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

  /** The identity context (seeding, verifier). */
  public io.meshdesk.identity.IdentityModule identity() {
    return identity;
  }

  /** The ticket context (SLA checker, relay). */
  public TicketModule tickets() {
    return tickets;
  }

  /** Blocks until the server stops. */
  @Override
  public void awaitTermination() throws InterruptedException {
    grpc.awaitTermination();
  }

  /** Graceful stop, then the pools. */
  @Override
  public void close() {
    resources.close();
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
