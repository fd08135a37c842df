package io.meshdesk.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.cli.CliRun;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code meshctl bench api} against a target where no ticket can be created. */
class ApiBenchTest {

  @Test
  void getTicketIsNotMeasuredWhenNoTicketWasCreated() throws IOException {
    String target;
    try (ServerSocket closed = new ServerSocket(0)) {
      target = "127.0.0.1:" + closed.getLocalPort();
    }

    CliRun.Result r =
        CliRun.meshctl(
            "bench",
            "api",
            "--target",
            target,
            "--token",
            "not-used",
            "--skip-max",
            "--rate",
            "5",
            "--get-rate",
            "50",
            "--warmup",
            "0s",
            "--duration",
            "1s");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("bench api: no ticket was created, so GetTicket was not measured");
    assertThat(r.out() + r.err()).doesNotContain("ArithmeticException").doesNotContain("api.get");
  }
}
