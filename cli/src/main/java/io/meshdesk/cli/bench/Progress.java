package io.meshdesk.cli.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/** Prints a progress line to stderr once a second while a scenario runs. */
public final class Progress implements AutoCloseable {

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("bench-progress").unstarted(r));
  private final long startNanos = System.nanoTime();

  /**
   * @param label what is running
   * @param stats where the scenario records
   * @param target total operations or seconds expected (for the fraction), 0 when unknown
   * @param done how far along the scenario is in the same unit as {@code target}
   */
  public Progress(
      String label, LatencyStats stats, long target, LongSupplier done, PrintStream err) {
    timer.scheduleAtFixedRate(
        () -> {
          Histogram interval = stats.drainInterval();
          double elapsed = (System.nanoTime() - startNanos) / 1e9;
          String frac =
              target > 0
                  ? String.format(
                      Locale.ROOT, " %3d%%", Math.min(100, done.getAsLong() * 100 / target))
                  : "";
          err.printf(
              Locale.ROOT,
              "  %s%s  %5.0fs  ok=%d err=%d  last 1s: %d ops, p99 %.2f ms%n",
              label,
              frac,
              elapsed,
              stats.count(),
              stats.errorCount(),
              interval.getTotalCount(),
              interval.getValueAtPercentile(99) / 1000.0);
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
