package io.meshdesk.cli.bench;

import io.meshdesk.cli.common.ProgressBar;
import io.meshdesk.cli.common.Terminal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Shows how a running scenario is doing, once a second on stderr: on a terminal a bar redrawn in
 * place, otherwise (logs, pipes, CI) one plain line per second.
 */
public final class Progress implements AutoCloseable {

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("bench-progress").unstarted(r));
  private final long startNanos = System.nanoTime();
  private final Line line;

  /**
   * @param label what is running
   * @param stats where the scenario records
   * @param target total operations or seconds expected (for the fraction), 0 when unknown
   * @param done how far along the scenario is in the same unit as {@code target}
   * @param err where to show it: a bar when this is standard error on a terminal
   */
  public Progress(
      String label, LatencyStats stats, long target, LongSupplier done, PrintStream err) {
    line = new Line(label, target, err, err == System.err && Terminal.interactive());
    timer.scheduleAtFixedRate(
        () -> {
          Histogram interval = stats.drainInterval();
          line.show(
              (System.nanoTime() - startNanos) / 1e9,
              done.getAsLong(),
              stats.count(),
              stats.errorCount(),
              interval.getTotalCount(),
              interval.getValueAtPercentile(99) / 1000.0);
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  /** Progress of a phase that runs for {@code duration}: the fraction is the time gone. */
  public static Progress over(
      String label, LatencyStats stats, Duration duration, PrintStream err) {
    long start = System.nanoTime();
    return new Progress(
        label,
        stats,
        Math.max(1, duration.toSeconds()),
        () -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
        err);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      // The last line is drawn completely before the bar's line is ended.
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    line.finish();
  }

  /** Draws one progress report: a bar redrawn in place on a terminal, a plain line otherwise. */
  static final class Line {
    private final String label;
    private final long target;
    private final PrintStream err;
    private final ProgressBar bar;

    Line(String label, long target, PrintStream err, boolean terminal) {
      this.label = label;
      this.target = target;
      this.err = err;
      this.bar = terminal ? new ProgressBar(err, "  " + label, target, true) : null;
    }

    /**
     * Shows the figures after {@code seconds}: {@code done} of the target, operations and errors so
     * far, and the operations and p99 latency of the last second.
     */
    void show(double seconds, long done, long ok, long errors, long lastOps, double lastP99Ms) {
      String figures =
          String.format(
              Locale.ROOT,
              "%5.0fs  ok=%d err=%d  last 1s: %d ops, p99 %.2f ms",
              seconds,
              ok,
              errors,
              lastOps,
              lastP99Ms);
      if (bar != null) {
        bar.update(done, figures);
        return;
      }
      String fraction =
          target > 0
              ? String.format(Locale.ROOT, " %3d%%", Math.min(100, done * 100 / target))
              : "";
      err.printf(Locale.ROOT, "  %s%s  %s%n", label, fraction, figures);
    }

    /** Ends the bar's line on a terminal; nothing to do for plain lines. */
    void finish() {
      if (bar != null) {
        bar.finish();
      }
    }
  }
}
