package io.meshdesk.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every benchmark scenario shares, and the run's common steps (start, floor, print). */
public final class BenchOptions {

  /** Result key naming the floor transaction a scenario compares with. */
  public static final String FLOOR_KEY = "floor";

  @Option(
      names = "--duration",
      defaultValue = "10s",
      description = "Measured time, e.g. 10s or 1m (default: ${DEFAULT-VALUE}).",
      converter = DurationConverter.class)
  public Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "10s",
      description = "Unmeasured warm-up first (default: ${DEFAULT-VALUE}).",
      converter = DurationConverter.class)
  public Duration warmup;

  @Option(names = "--json", description = "Print results as JSON lines instead of a table.")
  public boolean json;

  @Option(
      names = "--in-process",
      description =
          "Run the servers in the load generator's JVM (quick runs; results are labelled IN-PROCESS).")
  public boolean inProcess;

  @Option(
      names = "--fast-db",
      description = "PostgreSQL with fsync and synchronous_commit off (results are labelled FAST).")
  public boolean fastDb;

  @Option(
      names = "--floor",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Measure pgbench's TPC-B-like and select-only transactions on the same PostgreSQL first (default: on).")
  public boolean floor;

  @Option(
      names = "--floor-duration",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Measured time of each floor transaction (default: ${DEFAULT-VALUE}).")
  public Duration floorDuration;

  @Option(
      names = "--floor-scale",
      defaultValue = "10",
      description = "pgbench scale factor of the floor (default: ${DEFAULT-VALUE}).")
  public int floorScale;

  @Option(
      names = "--sut-java-opts",
      paramLabel = "OPTIONS",
      description = "JVM options of the servers' JVM, e.g. \"-XX:AOTCache=meshctl.aot -Xmx1g\".")
  public String sutJavaOpts;

  @Option(
      names = "--plot",
      paramLabel = "DIR",
      description = "Write latency and throughput over time as PNG charts into DIR.")
  public Path plotDir;

  private SystemUnderTest system;
  private Floor.Result floorResult;

  /** Starts the servers this scenario measures, as the options say. */
  public SystemUnderTest start(SystemUnderTest.Kind kind, int instances, int poolSize)
      throws Exception {
    List<String> jvm = ChildJvm.options(sutJavaOpts);
    system =
        SystemUnderTest.start(
            new SystemUnderTest.Spec(kind, instances, poolSize, !fastDb),
            inProcess,
            jvm,
            System.err);
    System.err.println("bench: " + system.label());
    if (floor) {
      floorResult =
          new Floor(system.postgresPort(), poolSize, floorScale)
              .measure(
                  warmup.compareTo(Duration.ofSeconds(5)) < 0 ? warmup : Duration.ofSeconds(5),
                  floorDuration,
                  System.err);
    }
    return system;
  }

  /** The floor measured by {@link #start}, or null with {@code --no-floor}. */
  public Floor.Result floorResult() {
    return floorResult;
  }

  /**
   * Prints results in the chosen format. After {@link #start} every result carries where the
   * servers ran and, when measured, its ratio to the floor; with {@code --plot} charts are written.
   */
  public void print(List<BenchResult> results, PrintStream out) {
    List<BenchResult> all = new ArrayList<>();
    if (floorResult != null) {
      all.add(floorResult.tpcb());
      all.add(floorResult.selectOnly());
    }
    for (BenchResult r : results) {
      all.add(system == null ? r : r.with(compared(r)));
    }
    for (BenchResult r : all) {
      if (json) {
        out.println(r.toJson());
      } else {
        r.printTable(out);
      }
    }
    if (plotDir != null) {
      for (BenchResult r : all) {
        try {
          Plots.write(plotDir, r).forEach(p -> System.err.println("bench: wrote " + p));
        } catch (IOException e) {
          System.err.println(
              "bench: could not write plots for " + r.scenario() + ": " + e.getMessage());
        }
      }
    }
  }

  private Map<String, Object> compared(BenchResult r) {
    Map<String, Object> more = new LinkedHashMap<>();
    more.put(
        "system",
        system.label() + (sutJavaOpts == null ? "" : "; server JVM options: " + sutJavaOpts));
    if (floorResult != null) {
      boolean reads = "select_only".equals(r.extra().get(FLOOR_KEY));
      BenchResult f = reads ? floorResult.selectOnly() : floorResult.tpcb();
      more.put(FLOOR_KEY, f.scenario());
      more.put("floor_tps", Math.round(f.throughputPerSecond()));
      more.put(
          "throughput_vs_floor",
          String.format(Locale.ROOT, "%.2fx", r.throughputPerSecond() / f.throughputPerSecond()));
      more.put(
          "p95_vs_floor_p95",
          String.format(Locale.ROOT, "%.2fx", r.p95Ms() / Math.max(0.001, f.p95Ms())));
    }
    return more;
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 2m}, or ISO-8601. */
  public static final class DurationConverter
      implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return io.meshdesk.platform.config.Env.parseDurationValue(value);
      } catch (RuntimeException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "not a duration: '" + value + "' (try 10s or 1m)");
      }
    }
  }
}
