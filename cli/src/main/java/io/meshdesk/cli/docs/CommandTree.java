package io.meshdesk.cli.docs;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The documented commands of a picocli tree: every command and group that is not hidden, each once
 * (aliases are extra keys for the same command), without picocli's {@code help} command.
 */
final class CommandTree {

  private CommandTree() {}

  /** {@code root} and every documented command below it, each parent before its subcommands. */
  static List<CommandLine> walk(CommandLine root) {
    List<CommandLine> into = new ArrayList<>();
    if (documented(root)) {
      collect(root, into);
    }
    return into;
  }

  /** The documented direct subcommands of {@code command}, in declaration order. */
  static List<CommandLine> children(CommandLine command) {
    List<CommandLine> children = new ArrayList<>();
    for (var entry : command.getSubcommands().entrySet()) {
      if (entry.getKey().equals(entry.getValue().getCommandName())
          && documented(entry.getValue())) {
        children.add(entry.getValue());
      }
    }
    return children;
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    for (CommandLine child : children(command)) {
      collect(child, into);
    }
  }

  private static boolean documented(CommandLine command) {
    return !(command.getCommand() instanceof CommandLine.HelpCommand)
        && !command.getCommandSpec().usageMessage().hidden();
  }
}
