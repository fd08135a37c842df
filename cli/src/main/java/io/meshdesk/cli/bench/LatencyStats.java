package io.meshdesk.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Thread-safe latency recording (HdrHistogram, microsecond resolution, up to one hour) plus success
 * and error counts by kind.
 */
public final class LatencyStats {

  /**
   * One interval of a run (Progress drains one a second), for plots.
   *
   * @param startMillis when the interval began (epoch ms)
   * @param endMillis when it ended (epoch ms)
   * @param operations successful operations that completed in it
   * @param errors failed operations in it
   * @param p50Ms median latency in it
   * @param p95Ms 95th percentile latency in it
   * @param p99Ms 99th percentile latency in it
   */
  public record Point(
      long startMillis,
      long endMillis,
      long operations,
      long errors,
      double p50Ms,
      double p95Ms,
      double p99Ms) {}

  private final List<Point> timeline = new ArrayList<>();
  private long intervalStartMillis = System.currentTimeMillis();
  private long errorsAtIntervalStart;

  private final Recorder recorder = new Recorder(TimeUnit.HOURS.toMicros(1), 3);
  private final Histogram total = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
  private final LongAdder ok = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  /** Records one successful operation that took {@code nanos}. */
  public void record(long nanos) {
    recorder.recordValue(
        Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), TimeUnit.HOURS.toMicros(1))));
    ok.increment();
  }

  /** Records a failed operation. */
  public void error(String kind) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** Successful operations so far. */
  public long count() {
    return ok.sum();
  }

  /** Failed operations so far, by kind. */
  public Map<String, Long> errors() {
    Map<String, Long> out = new java.util.TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Total failed operations. */
  public long errorCount() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /**
   * Moves what was recorded since the last call into the cumulative histogram; returns the
   * interval's.
   */
  public synchronized Histogram drainInterval() {
    Histogram interval = recorder.getIntervalHistogram();
    total.add(interval);
    long now = System.currentTimeMillis();
    long errorsNow = errorCount();
    if (now > intervalStartMillis) {
      timeline.add(
          new Point(
              intervalStartMillis,
              now,
              interval.getTotalCount(),
              errorsNow - errorsAtIntervalStart,
              interval.getValueAtPercentile(50) / 1000.0,
              interval.getValueAtPercentile(95) / 1000.0,
              interval.getValueAtPercentile(99) / 1000.0));
    }
    intervalStartMillis = now;
    errorsAtIntervalStart = errorsNow;
    return interval;
  }

  /** The intervals drained so far since the last reset, oldest first. */
  public synchronized List<Point> timeline() {
    return List.copyOf(timeline);
  }

  /** Everything recorded (drains pending samples first). */
  public synchronized Histogram cumulative() {
    drainInterval();
    return total.copy();
  }

  /** Discards everything recorded so far (end of warm-up). */
  public synchronized void reset() {
    recorder.reset();
    total.reset();
    ok.reset();
    errors.clear();
    timeline.clear();
    intervalStartMillis = System.currentTimeMillis();
    errorsAtIntervalStart = 0;
  }
}
