package io.meshdesk.cli.docs;

import io.meshdesk.cli.Meshctl;
import java.util.List;
import picocli.CommandLine;

/**
 * The command reference in Markdown ({@code docs/cli-reference.md}): every visible command and
 * group of meshctl, in tree order, with its {@code --help} text. {@code CliReferenceTest} fails
 * when the checked-in file differs from what this class renders.
 */
public final class CliReference {

  private CliReference() {}

  /** The whole reference. */
  public static String markdown() {
    List<CommandLine> commands = CommandTree.walk(Meshctl.commandLine());
    StringBuilder md = new StringBuilder();
    md.append("# meshctl command reference\n\n")
        .append("Generated from the command tree by `CliReference` (the test `CliReferenceTest`\n")
        .append("fails when this file is stale; `-Dcli.reference.write=true` rewrites it).\n")
        .append("See the README's \"Administering from a terminal\" for a tour.\n\n");
    for (CommandLine c : commands) {
      String name = c.getCommandSpec().qualifiedName();
      md.append("- [").append(name).append("](#").append(anchor(name)).append(")\n");
    }
    for (CommandLine c : commands) {
      md.append("\n## ")
          .append(c.getCommandSpec().qualifiedName())
          .append("\n\n```text\n")
          .append(c.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
          .append("\n```\n");
    }
    return md.toString();
  }

  /** GitHub's heading anchor: lower case, spaces to dashes, punctuation dropped. */
  private static String anchor(String heading) {
    return heading
        .toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9 _-]", "")
        .replace(' ', '-');
  }
}
