package io.meshdesk.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a JVM started from this one: the same java binary and class path, native
 * access enabled as the launchers do, then the given options, main class and arguments. Used for
 * the servers a benchmark measures and for processes tests start.
 */
public final class ChildJvm {

  /**
   * meshctl's main class, by name: the benches start meshctl in child JVMs, and naming the class
   * instead of referring to it keeps the bench package from depending on the root package that
   * registers it.
   */
  public static final String MESHCTL_MAIN = "io.meshdesk.cli.Meshctl";

  private ChildJvm() {}

  /**
   * {@code java <jvmOptions> --enable-native-access=ALL-UNNAMED -cp <this class path> <mainClass>
   * <args>}.
   */
  public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            mainClass));
    command.addAll(args);
    return command;
  }

  /**
   * JVM options written as one string ({@code "-Xmx1g -XX:AOTCache=x"}), split on whitespace; null
   * is none.
   */
  public static List<String> options(String written) {
    return written == null
        ? List.of()
        : Arrays.stream(written.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
  }
}
