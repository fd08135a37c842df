package io.meshdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
    // One tree for every run: building it is the costly part, and picocli resets the options of
    // a reused tree before each parse.
    CommandLine cli = Meshctl.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    collect(cli, new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(40);
    List<DynamicTest> tests = new ArrayList<>();
    for (List<String> path : paths) {
      tests.add(
          DynamicTest.dynamicTest(
              String.join(" ", path) + " --help",
              () -> {
                List<String> args = new ArrayList<>(path.subList(1, path.size()));
                args.add("--help");
                out.getBuffer().setLength(0);
                err.getBuffer().setLength(0);
                int exit = Meshctl.execute(cli, args.toArray(String[]::new));
                assertThat(exit).as(err.toString()).isZero();
                assertThat(out.toString()).startsWith("Usage: " + String.join(" ", path));
                assertThat(err.toString()).isEmpty();
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
