package io.meshdesk.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchTest {

  private static String capture(ThrowingRun run) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setOut(old);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private interface ThrowingRun {
    void run() throws Exception;
  }

  @Test
  void off_a_terminal_each_refresh_is_appended_as_a_timestamped_block() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    String out =
        capture(
            () ->
                assertThat(
                        Watch.repeat(
                            () -> {
                              System.out.println("unassigned " + runs.incrementAndGet());
                              return 0;
                            },
                            Duration.ZERO,
                            false,
                            clock,
                            2))
                    .isZero());

    assertThat(out)
        .isEqualTo(
            "# 2026-01-02T03:04:05Z\nunassigned 1\n\n# 2026-01-02T03:04:05Z\nunassigned 2\n");
  }

  @Test
  void on_a_terminal_each_refresh_redraws_the_screen_and_a_failure_stops_with_its_code()
      throws Exception {
    AtomicInteger runs = new AtomicInteger();

    String out =
        capture(
            () ->
                assertThat(
                        Watch.repeat(
                            () -> runs.incrementAndGet() < 2 ? 0 : 7,
                            Duration.ZERO,
                            true,
                            Clock.systemUTC(),
                            5))
                    .isEqualTo(7));

    assertThat(runs).hasValue(2);
    assertThat(out.split("\u001b\\[H\u001b\\[2J", -1)).hasSize(3);
    assertThat(out).contains("(Ctrl-C stops)");
  }
}
