package io.meshdesk.cli.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every benchmark scenario shares. */
public final class BenchOptions {

  @Option(names = "--duration", defaultValue = "10s", description = "Measured time, e.g. 10s or 1m (default: ${DEFAULT-VALUE}).",
      converter = DurationConverter.class)
  public Duration duration;

  @Option(names = "--warmup", defaultValue = "10s", description = "Unmeasured warm-up first (default: ${DEFAULT-VALUE}).",
      converter = DurationConverter.class)
  public Duration warmup;

  @Option(names = "--json", description = "Print results as JSON lines instead of a table.")
  public boolean json;

  /** Prints results in the chosen format. */
  public void print(List<BenchResult> results, PrintStream out) {
    for (BenchResult r : results) {
      if (json) {
        out.println(r.toJson());
      } else {
        r.printTable(out);
      }
    }
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 2m}, or ISO-8601. */
  public static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return io.meshdesk.platform.config.Env.parseDurationValue(value);
      } catch (RuntimeException e) {
        throw new picocli.CommandLine.TypeConversionException("not a duration: '" + value + "' (try 10s or 1m)");
      }
    }
  }
}
