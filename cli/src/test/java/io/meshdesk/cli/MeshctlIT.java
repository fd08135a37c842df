package io.meshdesk.cli;

import static io.meshdesk.cli.CliRun.meshctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.cli.CliRun.Result;
import io.meshdesk.platform.runtime.Shutdown;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** meshctl against the real zero-setup system started by {@code meshctl dev}. */
class MeshctlIT {

  private static final Shutdown shutdown = new Shutdown();
  private static DevCommand.Running running;
  private static String devOutput;

  @BeforeAll
  static void startDev() throws Exception {
    DevCommand dev = new DevCommand();
    dev.useFreePorts();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    running = dev.start(shutdown, new PrintStream(out, true, StandardCharsets.UTF_8));
    devOutput = out.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopDev() {
    shutdown.close();
  }

  @Test
  void devPrintsEveryServiceItStarted() {
    assertThat(devOutput)
        .contains("ticket-server", "ledger-server", "ai-worker", "PostgreSQL", "Redis")
        .contains("127.0.0.1:" + running.ticketPort());
  }

  @Test
  void healthReportsEachServerServing() {
    for (int port : new int[] {running.ticketPort(), running.ledgerPort(), running.workerPort()}) {
      Result r = meshctl("health", "--target", "127.0.0.1:" + port);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("SERVING");
    }
    Result json = meshctl("health", "--target", "127.0.0.1:" + running.ticketPort(), "--output", "json");
    assertThat(json.out()).contains("\"status\":\"SERVING\"");
  }

  @Test
  void badTargetIsAOneLineUsageError() {
    Result r = meshctl("health", "--target", "nonsense");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("meshctl: --target must be host:port, got 'nonsense'");
  }

  @Test
  void unreachableServerExitsWithUnavailableAndNoStackTrace() {
    Result r = meshctl("health", "--target", "127.0.0.1:1", "--timeout-seconds", "2");
    assertThat(r.exit()).isEqualTo(7);
    assertThat(r.err()).startsWith("meshctl: UNAVAILABLE").doesNotContain("\tat ");
  }

  @Test
  void unknownFlagIsAUsageError() {
    Result r = meshctl("health", "--no-such-flag");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void benchHealthPrintsPercentilesAsJson() {
    Result r =
        meshctl(
            "bench", "health", "--target", "127.0.0.1:" + running.ticketPort(),
            "--rate", "200", "--duration", "1s", "--warmup", "200ms", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"scenario\":\"health.check\"")
        .contains("\"p50_ms\":")
        .contains("\"p95_ms\":")
        .contains("\"p99_ms\":")
        .contains("\"throughput_per_second\":")
        .contains("\"errors\":0");
  }

  @Test
  void versionPrintsTheBuildVersion() {
    Result r = meshctl("version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("meshctl ").doesNotContain("unknown");
  }
}
