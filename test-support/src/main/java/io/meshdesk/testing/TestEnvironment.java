package io.meshdesk.testing;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.embedded.PostgresProvisioner;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL and Redis for tests, started once per test JVM and shared: each test class asks for
 * its own database ({@link #newDatabase}) and its own Redis key space ({@link #newRedis}), so
 * classes never see each other's data.
 *
 * <p>By default both servers are embedded. Set {@code MESHDESK_TEST_DATABASE_URL} ({@code
 * postgres://superuser:password@host:port}) and/or {@code MESHDESK_TEST_REDIS_URL} ({@code
 * redis://host:port}) to use servers you run yourself.
 */
public final class TestEnvironment {

  private static TestEnvironment instance;

  private final PostgresProvisioner postgres;
  private final EmbeddedPostgresServer embeddedPostgres;
  private final EmbeddedRedisServer embeddedRedis;
  private final String redisHost;
  private final int redisPort;
  private final AtomicInteger counter = new AtomicInteger();
  private final String runId = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

  private TestEnvironment() {
    Optional<String> pgUrl = env("MESHDESK_TEST_DATABASE_URL");
    if (pgUrl.isPresent()) {
      URI uri = URI.create(pgUrl.get());
      String[] userInfo = Optional.ofNullable(uri.getUserInfo()).orElse("postgres:").split(":", 2);
      this.embeddedPostgres = null;
      this.postgres =
          new PostgresProvisioner(
              uri.getHost(),
              uri.getPort() > 0 ? uri.getPort() : 5432,
              userInfo[0],
              userInfo.length > 1 ? userInfo[1] : "");
      postgres.ensureRoles();
    } else {
      this.embeddedPostgres = EmbeddedPostgresServer.start(0, Optional.empty());
      this.postgres = embeddedPostgres.provisioner();
    }
    Optional<String> redisUrl = env("MESHDESK_TEST_REDIS_URL");
    if (redisUrl.isPresent()) {
      URI uri = URI.create(redisUrl.get());
      this.embeddedRedis = null;
      this.redisHost = uri.getHost();
      this.redisPort = uri.getPort() > 0 ? uri.getPort() : 6379;
    } else {
      this.embeddedRedis = EmbeddedRedisServer.start(0);
      this.redisHost = "127.0.0.1";
      this.redisPort = embeddedRedis.port();
    }
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::stop));
  }

  /** The shared environment, started on first use. */
  public static synchronized TestEnvironment get() {
    if (instance == null) {
      instance = new TestEnvironment();
    }
    return instance;
  }

  /** A new, empty database for one test class (owner + application roles, nothing migrated). */
  public DatabaseConfig newDatabase(String hint) {
    return postgres.database(uniqueName(hint), 16);
  }

  /** Redis settings with a key prefix no other test class uses. */
  public RedisConfig newRedis(String hint) {
    return RedisConfig.single(redisHost, redisPort, uniqueName(hint) + ":");
  }

  /** Superuser access to the PostgreSQL server (create databases, kill connections). */
  public PostgresProvisioner postgres() {
    return postgres;
  }

  /**
   * The embedded Redis server, for tests that stop and restart it. Absent when the tests use an
   * external Redis.
   */
  public Optional<EmbeddedRedisServer> embeddedRedis() {
    return Optional.ofNullable(embeddedRedis);
  }

  /** Database name from a {@link DatabaseConfig}'s JDBC URL. */
  public static String databaseName(DatabaseConfig config) {
    String url = config.jdbcUrl();
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
  }

  private String uniqueName(String hint) {
    String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
      clean = "t" + clean;
    }
    if (clean.length() > 40) {
      clean = clean.substring(0, 40);
    }
    return clean + "_" + runId + "_" + counter.incrementAndGet();
  }

  private void stop() {
    if (embeddedRedis != null) {
      embeddedRedis.close();
    }
    if (embeddedPostgres != null) {
      embeddedPostgres.close();
    }
  }

  private static Optional<String> env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }
}
