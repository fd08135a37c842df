package io.meshdesk.cli.common;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * {@code --watch [SECONDS]}: runs a command again and again until Ctrl-C (which exits 0). On a
 * terminal each answer replaces the last one on the screen; otherwise each is appended as a block
 * that starts with a timestamp line, so a log or pipe keeps the history.
 */
public final class Watch {

  @Option(
      names = "--watch",
      arity = "0..1",
      fallbackValue = "2",
      paramLabel = "SECONDS",
      description = {
        "Refresh every SECONDS (default 2) until Ctrl-C: redrawn on a terminal, else appended",
        "as timestamped blocks."
      })
  Integer seconds;

  private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

  /** Runs {@code once} a single time, or repeatedly with {@code --watch}; its exit code. */
  public int run(Callable<Integer> once) throws Exception {
    if (seconds == null) {
      return once.call();
    }
    if (seconds < 1) {
      throw new IllegalArgumentException("--watch must be at least 1 second, got " + seconds);
    }
    // Ctrl-C ends a watch the way the user asked for: exit 0, not 130.
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .unstarted(
                    () -> {
                      System.out.flush();
                      Runtime.getRuntime().halt(0);
                    }));
    return repeat(
        once,
        Duration.ofSeconds(seconds),
        Terminal.interactive(),
        Clock.systemUTC(),
        Long.MAX_VALUE);
  }

  /**
   * Runs {@code once} {@code times} times (or until it fails), {@code every} apart, printing a
   * heading before each answer; returns the first non-zero exit code, else 0.
   */
  public static int repeat(
      Callable<Integer> once, Duration every, boolean terminal, Clock clock, long times)
      throws Exception {
    PrintStream out = System.out;
    for (long i = 0; i < times; i++) {
      if (i > 0) {
        Thread.sleep(every);
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      if (terminal) {
        out.print(CLEAR_SCREEN);
        out.println("Every " + every.toSeconds() + "s: " + now + "   (Ctrl-C stops)");
        out.println();
      } else {
        out.println((i == 0 ? "" : "\n") + "# " + now);
      }
      out.flush();
      int exit = once.call();
      out.flush();
      if (exit != 0) {
        return exit;
      }
    }
    return 0;
  }
}
