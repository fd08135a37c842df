package io.meshdesk.cli;

import static io.meshdesk.cli.CliRun.meshctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.cli.CliRun.Result;
import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
    Result json =
        meshctl("health", "--target", "127.0.0.1:" + running.ticketPort(), "--output", "json");
    assertThat(json.out()).contains("\"status\": \"SERVING\"", "\"target\": \"127.0.0.1:");
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
            "bench",
            "health",
            "--target",
            "127.0.0.1:" + running.ticketPort(),
            "--rate",
            "200",
            "--duration",
            "1s",
            "--warmup",
            "200ms",
            "--json");
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

  @Test
  @Timeout(120) // without a CaughtUp, `--once` would wait forever
  void ticketsWatchPrintsTheMissedEventsThenLive() throws InterruptedException {
    String password = CliRun.demoPassword(devOutput);
    String target = "127.0.0.1:" + running.ticketPort();
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    String subject = "Watched from the CLI " + UUID.randomUUID();
    String agent;
    try {
      agent = CliRun.login(channel, "agent@demo.meshdesk.dev", password);
      String customer = CliRun.login(channel, "customer@demo.meshdesk.dev", password);
      TicketServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(TestTokens.bearer(customer))
          .createTicket(
              CreateTicketRequest.newBuilder()
                  .setSubject(subject)
                  .setBody("Printed by meshctl tickets watch.")
                  .build());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    Result r = CliRun.against(target, agent, "tickets", "watch", "--after", "0", "--once");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("connecting")
        .contains("ticket_created")
        .contains(subject)
        .contains("live (caught up at sequence ");
    assertThat(r.out().indexOf(subject)).isLessThan(r.out().indexOf("live (caught up"));
  }

  @Test
  void devSeedsTheDemoKnowledgeBase() throws InterruptedException {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", running.ticketPort()).usePlaintext().build();
    String agent;
    try {
      agent = CliRun.login(channel, "agent@demo.meshdesk.dev", CliRun.demoPassword(devOutput));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    Result r =
        CliRun.against(
            "127.0.0.1:" + running.workerPort(), agent, "kb", "search", "refund", "duplicate");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Requesting a refund");
  }
}
