package io.meshdesk.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.meshdesk.cli.Meshctl;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The man pages: one per command of the tree, each one clean roff that groff formats without a
 * warning, listing the command's options and subcommands, with help text printed as written.
 */
class ManPagesTest {

  private static CommandLine tree;
  private static Map<String, String> pages;

  @BeforeAll
  static void renderEveryPage() {
    tree = Meshctl.commandLine();
    pages = ManPages.render(tree);
  }

  @Test
  void every_command_and_group_of_the_tree_gets_its_own_page() {
    List<String> expected = new ArrayList<>();
    pagesOf(tree, "", expected);

    assertThat(pages.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(pages)
        .containsKeys("meshctl.1", "meshctl-tickets.1", "meshctl-tickets-list.1")
        .doesNotContainKeys("meshctl-help.1");
  }

  @Test
  void every_page_formats_through_groff_without_a_warning(@TempDir Path dir) throws Exception {
    List<String> files = new ArrayList<>();
    for (var page : pages.entrySet()) {
      Path file = dir.resolve(page.getKey());
      Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
      files.add(file.toString());
    }

    Groff groff = Groff.run(List.of("-z"), files);

    assertThat(groff.exit()).as(groff.err()).isZero();
    assertThat(groff.err()).as("groff's warnings").isEmpty();
  }

  @Test
  void a_page_lists_each_option_argument_and_subcommand_of_its_command() {
    for (CommandLine command : CommandTree.walk(tree)) {
      String page = pages.get(ManPages.pageName(command) + ".1");
      for (OptionSpec o : command.getCommandSpec().options()) {
        if (!o.hidden()) {
          for (String name : o.names()) {
            assertThat(page).as(name).contains("\\fB" + name.replace("-", "\\-") + "\\fR");
          }
        }
      }
      command
          .getCommandSpec()
          .positionalParameters()
          .forEach(p -> assertThat(page).contains("\\fI" + p.paramLabel() + "\\fR"));
      for (CommandLine child : command.getSubcommands().values()) {
        if (!(child.getCommand() instanceof CommandLine.HelpCommand)
            && !child.getCommandSpec().usageMessage().hidden()) {
          String name = child.getCommandName().replace("-", "\\-");
          assertThat(page).contains(".SH COMMANDS", "\\fB" + name + "\\fR");
          assertThat(page).contains("\\fB" + ManPages.pageName(child).replace("-", "\\-"));
        }
      }
    }
    assertThat(pages.get("meshctl-tickets-list.1"))
        .contains(".SH OPTIONS", "\\fB\\-\\-status\\fR=\\fI<statuses>\\fR", ".SH SEE ALSO");
  }

  @Test
  void every_page_has_the_exit_codes_and_the_root_page_the_environment() {
    assertThat(pages.values())
        .allSatisfy(p -> assertThat(p).contains(".SH EXIT STATUS", "\\fB9\\fR"));
    assertThat(pages.get("meshctl.1"))
        .contains(".SH ENVIRONMENT", "\\fBMESHCTL_CONTEXT\\fR", "\\fBNO_COLOR\\fR");
    assertThat(pages.get("meshctl-tickets-list.1"))
        .contains(".SH ENVIRONMENT", "\\fBMESHDESK_TARGET\\fR", "Read by \\fB\\-\\-target\\fR");
  }

  @Test
  void help_text_with_roff_specials_prints_exactly_as_written(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("odd.1");
    Files.writeString(file, ManPages.page(new CommandLine(new Odd())), StandardCharsets.UTF_8);

    Groff groff = Groff.run(List.of("-P-cbou"), List.of(file.toString()));

    assertThat(groff.err()).as("groff's warnings").isEmpty();
    assertThat(groff.out().replaceAll("\\s+", " "))
        .contains(
            ".starts with a dot, a request to roff unless escaped",
            "'starts with a quote, a request too",
            "a back\\slash, \\fB not a font change, and \\- no dash",
            ".dot option",
            "--dry-run",
            "FILE",
            "\\ at the start of an argument");
  }

  @Command(
      name = "odd",
      description = {
        ".starts with a dot, a request to roff unless escaped",
        "'starts with a quote, a request too",
        "a back\\slash, \\fB not a font change, and \\- no dash"
      })
  static final class Odd {
    @Option(names = "--dry-run", description = ".dot option")
    boolean dryRun;

    @Parameters(paramLabel = "FILE", description = "\\ at the start of an argument")
    String file;
  }

  private static void pagesOf(CommandLine command, String prefix, List<String> into) {
    if (command.getCommand() instanceof CommandLine.HelpCommand
        || command.getCommandSpec().usageMessage().hidden()) {
      return;
    }
    String name = prefix + command.getCommandName();
    into.add(name + ".1");
    command.getSubcommands().values().stream()
        .distinct()
        .forEach(child -> pagesOf(child, name + "-", into));
  }

  /**
   * One run of {@code groff -man -Tutf8 -ww} over {@code files}; minus signs and hyphens in its
   * output as ASCII hyphens, whichever glyph this groff picks for them.
   */
  private record Groff(int exit, String out, String err) {

    static Groff run(List<String> options, List<String> files) throws Exception {
      String groff = onPath("groff");
      List<String> command = new ArrayList<>(List.of(groff, "-man", "-Tutf8", "-ww"));
      command.addAll(options);
      command.addAll(files);
      Path err = Files.createTempFile("groff", ".err");
      try {
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail("groff did not finish within 60 s");
        }
        return new Groff(
            p.exitValue(),
            new String(out, StandardCharsets.UTF_8).replace('\u2212', '-').replace('\u2010', '-'),
            Files.readString(err));
      } finally {
        Files.deleteIfExists(err);
      }
    }

    private static String onPath(String program) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(dir, program);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
      return fail(
          "groff is not installed (Debian: apt-get install groff-base); the man page tests need it"
              + " to check every page formats cleanly");
    }
  }
}
