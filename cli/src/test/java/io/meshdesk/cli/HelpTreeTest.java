package io.meshdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command and group of meshctl, found by walking picocli's command tree (so a new command is
 * covered without editing this test), answers {@code --help} with its usage and exit code 0.
 */
class HelpTreeTest {

  @TestFactory
  List<DynamicTest> every_command_answers_help_with_its_usage() {
    List<List<String>> paths = new ArrayList<>();
    collect(Meshctl.commandLine(), new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(40);
    List<DynamicTest> tests = new ArrayList<>();
    for (List<String> path : paths) {
      tests.add(
          DynamicTest.dynamicTest(
              String.join(" ", path) + " --help",
              () -> {
                List<String> args = new ArrayList<>(path.subList(1, path.size()));
                args.add("--help");
                CliRun.Result result = CliRun.meshctl(args.toArray(String[]::new));
                assertThat(result.exit()).as(result.err()).isZero();
                assertThat(result.out()).startsWith("Usage: " + String.join(" ", path));
                assertThat(result.err()).isEmpty();
              }));
    }
    return tests;
  }

  private static void collect(CommandLine command, List<String> prefix, List<List<String>> paths) {
    if (command.getCommand() instanceof CommandLine.HelpCommand) {
      return;
    }
    List<String> path = new ArrayList<>(prefix);
    path.add(command.getCommandName());
    paths.add(path);
    for (var entry : command.getSubcommands().entrySet()) {
      // Aliases appear as extra keys for the same command; walk each command once.
      if (entry.getKey().equals(entry.getValue().getCommandName())) {
        collect(entry.getValue(), path, paths);
      }
    }
  }
}
