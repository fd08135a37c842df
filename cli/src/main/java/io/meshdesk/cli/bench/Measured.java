package io.meshdesk.cli.bench;

import java.time.Duration;

/** A measured phase of a scenario: a run of the load generator with its progress on stderr. */
final class Measured {

  private Measured() {}

  /**
   * {@code op} at {@code rate} per second for {@code duration} into {@code stats} (see {@link
   * LoadGenerator#fixedRate}), shown as {@code label}.
   */
  static void fixedRate(
      String label,
      LoadGenerator.Operation op,
      double rate,
      Duration duration,
      int maxInFlight,
      LatencyStats stats)
      throws InterruptedException {
    try (Progress p = Progress.over(label, stats, duration, System.err)) {
      LoadGenerator.fixedRate(op, rate, duration, maxInFlight, stats);
    }
  }

  /**
   * {@code op} from {@code concurrency} callers for {@code duration} into {@code stats} (see {@link
   * LoadGenerator#closedLoop}), shown as {@code label}.
   */
  static void closedLoop(
      String label,
      LoadGenerator.Operation op,
      int concurrency,
      Duration duration,
      LatencyStats stats)
      throws InterruptedException {
    try (Progress p = Progress.over(label, stats, duration, System.err)) {
      LoadGenerator.closedLoop(op, concurrency, duration, stats);
    }
  }
}
