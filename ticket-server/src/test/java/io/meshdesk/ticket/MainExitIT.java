package io.meshdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.embedded.PostgresProvisioner;
import io.meshdesk.testing.TestEnvironment;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ticket server's {@code main} in its own JVM: a server that cannot start says why in one line
 * and its process ends with a non-zero status, instead of living on through pool and client
 * threads.
 */
class MainExitIT {

  /** Generous: a JVM start on a loaded machine, not a performance bound. */
  private static final long BOUND_SECONDS = 120;

  /** Loopback, no metrics; port 1 of the loopback refuses connections (nothing is reached). */
  private static final Map<String, String> BASE =
      Map.of(
          "MESHDESK_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/meshdesk",
          "MESHDESK_REDIS_URL", "redis://127.0.0.1:1",
          "MESHDESK_TICKET_HOST", "127.0.0.1",
          "MESHDESK_TICKET_PORT", "0",
          "MESHDESK_TICKET_METRICS_PORT", "-1");

  @TempDir Path dir;

  @Test
  void withoutTlsFilesOrThePlaintextOptInTheProcessExitsWithStatus2NamingTheVariables()
      throws Exception {
    Run run = run(Map.of());

    assertThat(run.exit()).as(run.output()).isEqualTo(2);
    assertThat(run.output())
        .contains("ticket-server: MESHDESK_TLS_CERT_FILE")
        .contains("MESHDESK_TLS_DISABLED")
        .doesNotContain("listening on");
  }

  @Test
  void whenItsPortIsTakenTheProcessExitsWithStatus1SayingWhyAfterConnectingToItsDependencies()
      throws Exception {
    TestEnvironment env = TestEnvironment.get();
    DatabaseConfig db = env.newDatabase("main-exit");
    Migrations.apply(db, TicketServer.CHANGELOGS);
    RedisConfig redis = env.newRedis("main-exit");
    byte[] sealing = new byte[32];
    new SecureRandom().nextBytes(sealing);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> vars = new HashMap<>();
      vars.put("MESHDESK_DATABASE_URL", db.jdbcUrl());
      vars.put("MESHDESK_DATABASE_USER", db.user());
      vars.put("MESHDESK_DATABASE_PASSWORD", PostgresProvisioner.APP_PASSWORD);
      vars.put("MESHDESK_DATABASE_POOL_SIZE", "2");
      vars.put("MESHDESK_REDIS_URL", redis.addresses().getFirst());
      vars.put("MESHDESK_REDIS_KEY_PREFIX", redis.keyPrefix());
      vars.put("MESHDESK_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(sealing));
      vars.put("MESHDESK_TLS_DISABLED", "true");
      vars.put("MESHDESK_TICKET_PORT", Integer.toString(taken.getLocalPort()));

      // Pool, Redis client and scheduler threads are running when the listen fails.
      Run run = run(vars);

      assertThat(run.exit()).as(run.output()).isEqualTo(1);
      assertThat(run.output())
          .contains("ticket-server: could not start")
          .contains("could not listen on 127.0.0.1:" + taken.getLocalPort())
          .doesNotContain("ticket-server ready");
    }
  }

  private record Run(int exit, String output) {}

  private Run run(Map<String, String> extra) throws Exception {
    Path log = Files.createTempFile(dir, "ticket-server", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("MESHDESK_"));
    pb.environment().putAll(BASE);
    pb.environment().putAll(extra);
    Process p = pb.start();
    try {
      boolean ended = p.waitFor(BOUND_SECONDS, TimeUnit.SECONDS);
      assertThat(ended).as("exited within %d s: %s", BOUND_SECONDS, Files.readString(log)).isTrue();
      return new Run(p.exitValue(), Files.readString(log));
    } finally {
      p.destroyForcibly();
    }
  }
}
