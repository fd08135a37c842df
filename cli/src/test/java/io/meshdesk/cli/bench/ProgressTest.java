package io.meshdesk.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A bench's progress: a bar redrawn in place on a terminal, one plain line per report otherwise.
 */
class ProgressTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String shown() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void on_a_terminal_one_line_is_redrawn_in_place_and_ended_once() {
    Progress.Line line = new Progress.Line("api.create", 60, err, true);

    line.show(15, 15, 7500, 2, 500, 12.5);
    line.show(30, 30, 15000, 2, 500, 3.25);
    line.finish();

    String out = shown();
    assertThat(out).startsWith("\r").endsWith("\n").doesNotContain("%n");
    assertThat(out.chars().filter(c -> c == '\n')).hasSize(1);
    assertThat(out.split("\r")).hasSize(3);
    assertThat(out)
        .contains("  api.create [" + "#".repeat(7) + " ".repeat(23) + "]  25% 15/60")
        .contains("  api.create [" + "#".repeat(15) + " ".repeat(15) + "]  50% 30/60")
        .contains("ok=15000 err=2  last 1s: 500 ops, p99 3.25 ms");
  }

  @Test
  void a_shorter_redraw_blanks_what_is_left_of_the_longer_line_before_it() {
    Progress.Line line = new Progress.Line("api.get", 0, err, true);

    line.show(1, 0, 123456789, 0, 1000, 10.5);
    line.show(2, 0, 5, 0, 1, 1);

    String[] draws = shown().split("\r");
    assertThat(draws[2]).hasSameSizeAs(draws[1]).endsWith(" ".repeat(8));
  }

  @Test
  void elsewhere_each_report_is_a_plain_line_of_its_own() {
    Progress.Line line = new Progress.Line("ai.e2e", 200, err, false);

    line.show(3, 50, 50, 0, 20, 41.0);
    line.show(4, 70, 70, 1, 20, 39.5);
    line.finish();

    assertThat(shown())
        .doesNotContain("\r", "#")
        .isEqualTo(
            "  ai.e2e  25%      3s  ok=50 err=0  last 1s: 20 ops, p99 41.00 ms"
                + System.lineSeparator()
                + "  ai.e2e  35%      4s  ok=70 err=1  last 1s: 20 ops, p99 39.50 ms"
                + System.lineSeparator());
  }

  @Test
  void without_a_known_target_plain_lines_carry_no_fraction() {
    Progress.Line line = new Progress.Line("floor", 0, err, false);

    line.show(1, 0, 10, 0, 10, 1);

    assertThat(shown()).startsWith("  floor      1s  ok=10").doesNotContain("%");
  }
}
