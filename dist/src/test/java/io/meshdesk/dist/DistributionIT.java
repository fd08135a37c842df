package io.meshdesk.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.embedded.PostgresProvisioner;
import io.meshdesk.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator uses it: {@code bin/meshctl migrate} as the owner, then {@code
 * bin/ticket-server} as its own OS process with the application role, stopped by SIGTERM; and
 * meshctl's man pages in {@code man/man1}.
 */
class DistributionIT {

  @TempDir static Path logs;

  private static DatabaseConfig db;
  private static RedisConfig redis;
  private static Map<String, String> ownerEnv;
  private static int firstMigrateExit;
  private static String firstMigrateOutput;

  @BeforeAll
  static void migrateWithTheLauncher() throws Exception {
    TestEnvironment env = TestEnvironment.get();
    db = env.newDatabase("dist");
    redis = env.newRedis("dist");
    ownerEnv = new HashMap<>();
    ownerEnv.put("JAVA_HOME", System.getProperty("java.home"));
    ownerEnv.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
    ownerEnv.put("MESHDESK_DATABASE_URL", db.jdbcUrl());
    ownerEnv.put("MESHDESK_DATABASE_OWNER_USER", db.ownerUser().orElseThrow());
    ownerEnv.put("MESHDESK_DATABASE_OWNER_PASSWORD", db.ownerPassword());
    Path log = logs.resolve("migrate-1.log");
    firstMigrateExit = Distribution.run("meshctl", ownerEnv, log, "migrate");
    firstMigrateOutput = Files.readString(log);
  }

  @Test
  void migrateAppliesEveryChangeSetOnceAndPrintsWhatItApplied() throws Exception {
    assertThat(firstMigrateExit).as(firstMigrateOutput).isZero();
    assertThat(firstMigrateOutput)
        .contains("applied identity-001")
        .contains("applied ledger-")
        .contains("applied ai-worker-001-knowledge");

    Path second = logs.resolve("migrate-2.log");
    assertThat(Distribution.run("meshctl", ownerEnv, second, "migrate")).isZero();
    assertThat(Files.readString(second))
        .doesNotContain("applied identity")
        .contains("0 change set(s) applied");
  }

  @Test
  void theArchiveShipsAManPageForEveryMeshctlCommand() throws Exception {
    Path man1 = Distribution.home().resolve("man").resolve("man1");

    assertThat(man1.resolve("meshctl.1"))
        .isRegularFile()
        .content()
        .contains(".TH \"MESHCTL\" 1", ".SH SYNOPSIS", ".SH EXIT STATUS");
    assertThat(man1.resolve("meshctl-tickets-list.1")).isRegularFile();
    try (var pages = Files.list(man1)) {
      assertThat(pages.filter(p -> p.getFileName().toString().endsWith(".1")).count())
          .isGreaterThan(40);
    }
  }

  @Test
  void ticketServerStartsFromItsLauncherServesHealthAndStopsGracefullyOnSigterm() throws Exception {
    int port = Distribution.freePort();
    Map<String, String> env =
        Distribution.environment(db, db.user(), PostgresProvisioner.APP_PASSWORD, redis);
    env.put("MESHDESK_TICKET_HOST", "127.0.0.1");
    env.put("MESHDESK_TICKET_PORT", Integer.toString(port));
    env.put("MESHDESK_TICKET_METRICS_PORT", "-1");
    Path log = logs.resolve("ticket-server.log");
    Process server = Distribution.launch("ticket-server", env, log);
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .failFast("ticket-server exited", () -> !server.isAlive())
          .until(
              () ->
                  health
                      .withDeadlineAfter(2, TimeUnit.SECONDS)
                      .check(HealthCheckRequest.getDefaultInstance())
                      .getStatus(),
              status -> status == ServingStatus.SERVING);

      server.destroy(); // SIGTERM
      assertThat(server.waitFor(40, TimeUnit.SECONDS))
          .as("stopped within the shutdown grace")
          .isTrue();
      String output = Files.readString(log);
      assertThat(server.exitValue()).as(output).isEqualTo(143);
      assertThat(output).contains("ticket-server stopped").doesNotContain("restricted method");
    } finally {
      channel.shutdownNow();
      server.destroyForcibly();
    }
  }
}
