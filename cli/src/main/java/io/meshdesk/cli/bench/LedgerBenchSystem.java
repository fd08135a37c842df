package io.meshdesk.cli.bench;

import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger server a benchmark measures: embedded PostgreSQL and Redis, and a ledger-server over
 * loopback gRPC whose verifier trusts a key pair made for this run only, so the bench mints real
 * ES256 admin tokens that go through the same authentication as production calls.
 */
final class LedgerBenchSystem implements AutoCloseable {

  private final Shutdown shutdown = new Shutdown();
  private final BenchKeys keys = new BenchKeys();
  final LedgerServer server;
  private final int postgresPort;

  LedgerBenchSystem(int poolSize, boolean durable) {
    EmbeddedPostgresServer pg =
        shutdown.register(EmbeddedPostgresServer.start(0, Optional.empty(), durable));
    postgresPort = pg.port();
    EmbeddedRedisServer redis = shutdown.register(EmbeddedRedisServer.start(0));
    Infrastructure infra =
        new Infrastructure(
            pg.provisioner().database("ledgerbench", poolSize),
            RedisConfig.single("127.0.0.1", redis.port(), "bench:"));
    // identity's changelog creates the directory view the ledger-server reads its tenants from.
    io.meshdesk.platform.db.Migrations.apply(
        infra.database(),
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(io.meshdesk.identity.IdentityModule.CHANGELOG),
                LedgerServer.CHANGELOGS.stream())
            .toList());
    server =
        shutdown.register(
            LedgerServer.start(
                infra, GrpcConfig.loopback().withPort(0, -1), null, keys.verifier()));
  }

  /** The embedded PostgreSQL's port (superuser postgres/postgres on loopback). */
  int postgresPort() {
    return postgresPort;
  }

  /** An access token trusted by the server. */
  String token(UUID tenant, UUID user, Role role) {
    return keys.token(tenant, user, role);
  }

  @Override
  public void close() {
    shutdown.close();
  }
}
