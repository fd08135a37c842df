package io.meshdesk.cli.bench;

import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.ticket.TicketConfig;
import io.meshdesk.ticket.TicketModule;
import io.meshdesk.ticket.TicketServer;
import io.meshdesk.ticket.persistence.JdbcUserDirectory;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ticket context alone for the ticket benchmarks: embedded PostgreSQL and Redis, one or more
 * ticket-service instances on free loopback ports sharing them, and a local signing key whose
 * tokens those instances trust. Users are looked up in the identity schema as in production (the
 * benchmarks' callers have no row there, so they act under an empty display name).
 */
final class TicketBenchSystem implements AutoCloseable {

  private final Shutdown shutdown = new Shutdown();
  private final BenchKeys keys = new BenchKeys();
  private final List<String> targets = new ArrayList<>();
  private final int postgresPort;

  /** The database the instances share. */
  static final String DATABASE = "bench";

  TicketBenchSystem(int instances, int poolSize, boolean durable, PrintStream log)
      throws Exception {
    log.println(
        "bench: starting embedded PostgreSQL ("
            + (durable ? "durable" : "fsync off")
            + ") and Redis, "
            + instances
            + " ticket instance(s)...");
    EmbeddedPostgresServer pg =
        shutdown.register(EmbeddedPostgresServer.start(0, Optional.empty(), durable));
    postgresPort = pg.port();
    EmbeddedRedisServer redis = shutdown.register(EmbeddedRedisServer.start(0));
    DatabaseConfig db = pg.provisioner().database(DATABASE, poolSize);
    Migrations.apply(db, TicketServer.CHANGELOGS);
    RedisConfig rc = RedisConfig.single("127.0.0.1", redis.port(), "bench:");
    for (int i = 0; i < instances; i++) {
      Database database =
          shutdown.register(
              new Database(
                  db.forServer(io.meshdesk.platform.config.DatabaseRole.TICKET), "bench-" + i));
      Redis r = shutdown.register(new Redis(rc));
      TicketModule tickets =
          shutdown.register(
              new TicketModule(
                  database,
                  r,
                  new JdbcUserDirectory(new Transactions(database.dataSource())),
                  Clock.systemUTC(),
                  TicketConfig.defaults()));
      GrpcServer server =
          shutdown.register(
              GrpcServer.builder("ticket-bench-" + i, GrpcConfig.loopback().withPort(0, -1))
                  .addService(tickets.service())
                  .addInterceptor(new AuthInterceptor(keys.verifier()))
                  .build());
      server.start();
      targets.add("127.0.0.1:" + server.port());
    }
  }

  /** host:port of each instance. */
  List<String> targets() {
    return targets;
  }

  /** The embedded PostgreSQL's port (superuser postgres/postgres on loopback). */
  int postgresPort() {
    return postgresPort;
  }

  /** An access token trusted by the instances. */
  String token(UUID tenant, UUID user, Role role) {
    return keys.token(tenant, user, role);
  }

  @Override
  public void close() {
    shutdown.close();
  }
}
