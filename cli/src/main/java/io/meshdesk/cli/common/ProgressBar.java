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

  /**
   * @param label what is progressing, e.g. "import"
   * @param total the amount of work, in units of {@link #update}
   */
  public ProgressBar(PrintStream err, String label, long total, boolean terminal) {
    this.err = err;
    this.label = label;
    this.total = Math.max(total, 1);
    this.terminal = terminal;
  }

  /** Reports {@code done} units finished, with a short note (counts so far). */
  public void update(long done, String note) {
    int percent = (int) Math.min(100, done * 100 / total);
    if (terminal) {
      int filled = percent * WIDTH / 100;
      err.printf(
          Locale.ROOT,
          "\r%s [%s%s] %3d%% %d/%d %s",
          label,
          "#".repeat(filled),
          " ".repeat(WIDTH - filled),
          percent,
          done,
          total,
          note);
    } else {
      err.printf(Locale.ROOT, "%s: %d/%d (%d%%) %s%n", label, done, total, percent, note);
    }
    err.flush();
  }

  /** Ends the bar's line on a terminal. */
  public void finish() {
    if (terminal) {
      err.println();
    }
  }
}
