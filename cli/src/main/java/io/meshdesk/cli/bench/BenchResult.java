package io.meshdesk.cli.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One measured scenario: count, errors, throughput and latency percentiles in milliseconds, plus
 * scenario-specific figures, and the per-second timeline behind the plots.
 */
public record BenchResult(
    String scenario,
    long operations,
    long errors,
    Map<String, Long> errorsByKind,
    double seconds,
    double throughputPerSecond,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double maxMs,
    Map<String, Object> extra,
    List<LatencyStats.Point> timeline) {

  /** Builds a result from a histogram in microseconds. */
  public static BenchResult of(
      String scenario, LatencyStats stats, double seconds, Map<String, Object> extra) {
    Histogram h = stats.cumulative();
    long ops = h.getTotalCount();
    return new BenchResult(
        scenario,
        ops,
        stats.errorCount(),
        stats.errors(),
        seconds,
        seconds > 0 ? ops / seconds : 0,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(95) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0,
        new LinkedHashMap<>(extra),
        stats.timeline());
  }

  /** A copy with more scenario-specific figures. */
  public BenchResult with(Map<String, Object> more) {
    Map<String, Object> merged = new LinkedHashMap<>(extra);
    merged.putAll(more);
    return new BenchResult(
        scenario,
        operations,
        errors,
        errorsByKind,
        seconds,
        throughputPerSecond,
        p50Ms,
        p95Ms,
        p99Ms,
        maxMs,
        merged,
        timeline);
  }

  /** Prints a human-readable block. */
  public void printTable(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%-28s ops=%d errors=%d time=%.1fs throughput=%.1f/s%n",
        scenario,
        operations,
        errors,
        seconds,
        throughputPerSecond);
    out.printf(
        Locale.ROOT,
        "%-28s p50=%.3f ms  p95=%.3f ms  p99=%.3f ms  max=%.3f ms%n",
        "",
        p50Ms,
        p95Ms,
        p99Ms,
        maxMs);
    if (!errorsByKind.isEmpty()) {
      out.printf("%-28s errors by kind: %s%n", "", errorsByKind);
    }
    extra.forEach((k, v) -> out.printf("%-28s %s=%s%n", "", k, v));
  }

  /** Renders as one JSON object. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"scenario\":").append(q(scenario));
    sb.append(
        String.format(
            Locale.ROOT,
            ",\"operations\":%d,\"errors\":%d,\"seconds\":%.3f,\"throughput_per_second\":%.1f,"
                + "\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f",
            operations,
            errors,
            seconds,
            throughputPerSecond,
            p50Ms,
            p95Ms,
            p99Ms,
            maxMs));
    sb.append(",\"errors_by_kind\":{");
    boolean first = true;
    for (var e : errorsByKind.entrySet()) {
      sb.append(first ? "" : ",").append(q(e.getKey())).append(':').append(e.getValue());
      first = false;
    }
    sb.append("}");
    for (var e : extra.entrySet()) {
      Object v = e.getValue();
      sb.append(',')
          .append(q(e.getKey()))
          .append(':')
          .append(v instanceof Number ? v.toString() : q(String.valueOf(v)));
    }
    return sb.append('}').toString();
  }

  private static String q(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
