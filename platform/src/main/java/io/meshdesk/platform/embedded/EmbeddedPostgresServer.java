package io.meshdesk.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the zonky binaries, for the zero-setup start and for tests. It
 * creates the two roles every deployment has: an owner that migrates, and an application role that
 * owns nothing and cannot bypass row-level security.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts a server.
   *
   * @param port TCP port on loopback (0 picks a free one)
   * @param dataDir where to keep data between runs; empty for a throwaway directory
   */
  public static EmbeddedPostgresServer start(int port, Optional<Path> dataDir) {
    return start(port, dataDir, dataDir.isPresent());
  }

  /**
   * Starts a server, choosing durability explicitly.
   *
   * @param port TCP port on loopback (0 picks a free one)
   * @param dataDir where to keep data between runs; empty for a throwaway directory
   * @param durable fsync, synchronous_commit and full_page_writes on (what production runs); off
   *     trades crash safety for speed, for tests and quick runs
   */
  public static EmbeddedPostgresServer start(int port, Optional<Path> dataDir, boolean durable) {
    String sync = durable ? "on" : "off";
    try {
      EmbeddedPostgres.Builder b =
          EmbeddedPostgres.builder()
              .setServerConfig("max_connections", "300")
              .setServerConfig("fsync", sync)
              .setServerConfig("synchronous_commit", sync)
              .setServerConfig("full_page_writes", sync)
              .setServerConfig("shared_buffers", "128MB")
              // Commit times of transactions, so benchmarks measure event latency from the commit.
              .setServerConfig("track_commit_timestamp", "on")
              // Analyze young tables within a second or two (the default looks once a minute):
              // plans cached per connection while a table was still empty scan whole tenants
              // until the first ANALYZE invalidates them, which made every benchmark and the
              // first minute of `meshctl dev` measure those plans.
              .setServerConfig("autovacuum_naptime", "1s");
      if (port > 0) {
        b.setPort(port);
      }
      if (dataDir.isPresent()) {
        b.setDataDirectory(dataDir.get()).setCleanDataDirectory(false);
      }
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(b.start());
      server.provisioner().ensureRoles();
      log.info("embedded PostgreSQL on port {}", server.port());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL failed to start: " + e.getMessage(), e);
    }
  }

  /** The server's port. */
  public int port() {
    return postgres.getPort();
  }

  /** Provisions roles and databases on this server as its superuser. */
  public PostgresProvisioner provisioner() {
    return new PostgresProvisioner("127.0.0.1", port(), "postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
