package io.meshdesk.platform.grpc;

/**
 * A concurrency limit that follows latency (the gradient idea of TCP Vegas): each window of calls
 * compares the best latency seen recently with the window's average; while the average stays
 * within {@code tolerance} of the best the limit grows by about its square root, and when calls
 * queue up inside the server (the average rises) it shrinks in proportion. A call that failed
 * because the server was saturated (pool wait, deadline) shrinks it at once by a tenth. Pure: time
 * comes in as arguments, so it is tested without a clock.
 */
public final class AdaptiveLimit {

  private static final int PROBE_EVERY_WINDOWS = 500;

  private final int min;
  private final int max;
  private final double tolerance;
  private double limit;
  private long bestNanos = Long.MAX_VALUE;
  private long windowSum;
  private int windowCount;
  private int windows;

  public AdaptiveLimit(int initial, int min, int max, double tolerance) {
    this.limit = initial;
    this.min = min;
    this.max = max;
    this.tolerance = tolerance;
  }

  /** The current limit. */
  public synchronized int limit() {
    return (int) limit;
  }

  /** Records one finished call: its latency, and whether it failed because the server was saturated. */
  public synchronized void onSample(long latencyNanos, boolean saturated) {
    if (saturated) {
      limit = Math.max(min, limit * 0.9);
      resetWindow();
      return;
    }
    bestNanos = Math.min(bestNanos, Math.max(1, latencyNanos));
    windowSum += latencyNanos;
    windowCount++;
    if (windowCount < Math.max(10, (int) limit)) {
      return;
    }
    double average = (double) windowSum / windowCount;
    double gradient = Math.max(0.5, Math.min(1.0, tolerance * bestNanos / average));
    double target = limit * gradient + Math.sqrt(limit);
    limit = Math.max(min, Math.min(max, 0.8 * limit + 0.2 * target));
    resetWindow();
    if (++windows % PROBE_EVERY_WINDOWS == 0) {
      // Forget the best latency now and then: what was possible an hour ago may not be now.
      bestNanos = (long) average;
    }
  }

  private void resetWindow() {
    windowSum = 0;
    windowCount = 0;
  }
}
