package io.meshdesk.cli.common;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows how far long work has got on standard error: a bar redrawn in place on a terminal, plain
 * progress lines otherwise (logs, pipes, CI).
 */
public final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private final long total;
  private final boolean terminal;
  private int drawn;

  /**
   * @param label what is progressing, e.g. "import"
   * @param total the amount of work, in units of {@link #update}; 0 when not known (no bar then,
   *     the line is still redrawn in place on a terminal)
   * @param terminal whether {@code err} is a terminal ({@link Terminal#interactive()})
   */
  public ProgressBar(PrintStream err, String label, long total, boolean terminal) {
    this.err = err;
    this.label = label;
    this.total = Math.max(total, 0);
    this.terminal = terminal;
  }

  /** Reports {@code done} units finished, with a short note (counts so far). */
  public void update(long done, String note) {
    if (terminal) {
      String line;
      if (total > 0) {
        int percent = percent(done);
        int filled = percent * WIDTH / 100;
        line =
            String.format(
                Locale.ROOT,
                "%s [%s%s] %3d%% %d/%d %s",
                label,
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                percent,
                done,
                total,
                note);
      } else {
        line = label + " " + note;
      }
      // Blanks over what is left of a longer previous line.
      err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
      drawn = line.length();
    } else if (total > 0) {
      err.printf(Locale.ROOT, "%s: %d/%d (%d%%) %s%n", label, done, total, percent(done), note);
    } else {
      err.printf(Locale.ROOT, "%s: %d %s%n", label, done, note);
    }
    err.flush();
  }

  /** Ends the bar's line on a terminal. */
  public void finish() {
    if (terminal && drawn > 0) {
      err.println();
      drawn = 0;
    }
  }

  private int percent(long done) {
    return (int) Math.min(100, Math.max(0, done) * 100 / total);
  }
}
