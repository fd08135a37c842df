package io.meshdesk.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's servers run in a JVM of their own: a real ticket-server in another process
 * answers with tokens minted there, the floor runs against its PostgreSQL, and closing it ends the
 * process.
 */
class RemoteSutIT {

  @Test
  void serversRunInAnotherJvmAndStopWithTheBench() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SystemUnderTest.Spec spec = new SystemUnderTest.Spec(SystemUnderTest.Kind.TICKET, 1, 4, false);
    RemoteSut sut =
        RemoteSut.start(
            spec, List.of("-Xmx384m"), new PrintStream(log, true, StandardCharsets.UTF_8));
    long pid;
    try {
      // given a ticket-server in another JVM
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("servers ready");
      pid = sut.pid();
      assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(ProcessHandle.of(pid)).isPresent();
      assertThat(sut.label()).startsWith("servers in their own JVM").contains("FAST");

      // when a ticket is created with a token that JVM minted
      String token = sut.token(UUID.randomUUID(), UUID.randomUUID(), Role.AGENT);
      ManagedChannel channel = Bearer.channel(sut.targets().getFirst());
      try {
        var created =
            TicketServiceGrpc.newBlockingStub(channel)
                .withCallCredentials(Bearer.of(token))
                .createTicket(
                    CreateTicketRequest.newBuilder()
                        .setSubject("Remote")
                        .setBody("Across processes")
                        .build());
        // then the other JVM's server wrote it
        assertThat(created.getTicket().getNumber()).isPositive();
      } finally {
        channel.shutdownNow();
      }

      // and the floor runs over JDBC against that JVM's PostgreSQL
      Floor.Result floor =
          new Floor(sut.postgresPort(), 2, 1)
              .measure(
                  Duration.ofMillis(200),
                  Duration.ofSeconds(1),
                  new PrintStream(log, true, StandardCharsets.UTF_8));
      assertThat(floor.tpcb().operations()).isPositive();
      assertThat(floor.selectOnly().operations()).isPositive();
      assertThat(floor.tpcb().errors() + floor.selectOnly().errors()).isZero();
    } finally {
      sut.close();
    }
    // when the bench closes it, the servers' JVM is gone
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}
