package io.meshdesk.platform.grpc;

/**
 * A concurrency limit that follows latency (the gradient idea of TCP Vegas, with a long-term
 * average as the baseline as Netflix's Gradient2 does): each window of calls compares its average
 * latency with the slowly moving average of earlier windows. While the window stays within {@code
 * tolerance} of that baseline the limit grows by about its square root; when calls queue inside the
 * server the window's latency jumps above the baseline and the limit shrinks in proportion. A
 * lasting change of latency that is not queueing (a slower disk) becomes the new baseline within a
 * few dozen windows. A call that failed because the server was saturated (pool wait, deadline)
 * shrinks the limit at once by a tenth. A window whose average exceeds the latency objective
 * shrinks the limit whatever the baseline says, so a sustained overload cannot teach it that slow
 * is normal. Pure: latencies come in as arguments.
 */
public final class AdaptiveLimit {

  private static final double BASELINE_WEIGHT = 0.02;
  private static final double GROW_SMOOTHING = 0.2;
  private static final double SHRINK_SMOOTHING = 0.5;

  private final int min;
  private final int max;
  private final double tolerance;
  private final double objectiveNanos;
  private double limit;
  private double baselineNanos = -1;
  private long windowSum;
  private int windowCount;

  /**
   * @param objectiveNanos the average latency above which the limit always shrinks
   */
  public AdaptiveLimit(int initial, int min, int max, double tolerance, long objectiveNanos) {
    this.limit = initial;
    this.min = min;
    this.max = max;
    this.tolerance = tolerance;
    this.objectiveNanos = objectiveNanos;
  }

  /** The current limit. */
  public synchronized int limit() {
    return (int) limit;
  }

  /**
   * Records one finished call: its latency, and whether it failed because the server was saturated.
   */
  public synchronized void onSample(long latencyNanos, boolean saturated) {
    if (saturated) {
      limit = Math.max(min, limit * 0.9);
      resetWindow();
      return;
    }
    windowSum += Math.max(1, latencyNanos);
    windowCount++;
    if (windowCount < Math.max(10, (int) limit)) {
      return;
    }
    double average = (double) windowSum / windowCount;
    baselineNanos =
        baselineNanos < 0
            ? average
            : (1 - BASELINE_WEIGHT) * baselineNanos + BASELINE_WEIGHT * average;
    double gradient =
        Math.max(0.5, Math.min(1.0, Math.min(tolerance * baselineNanos, objectiveNanos) / average));
    double target = limit * gradient + Math.sqrt(limit);
    double smoothing = target < limit ? SHRINK_SMOOTHING : GROW_SMOOTHING;
    limit = Math.max(min, Math.min(max, (1 - smoothing) * limit + smoothing * target));
    resetWindow();
  }

  private void resetWindow() {
    windowSum = 0;
    windowCount = 0;
  }
}
