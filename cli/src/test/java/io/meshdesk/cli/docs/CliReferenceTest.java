package io.meshdesk.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The checked-in {@code docs/cli-reference.md} is what the command tree renders today; run with
 * {@code -Dcli.reference.write=true} to rewrite it after changing a command.
 */
class CliReferenceTest {

  private static final Path FILE = Path.of("..", "docs", "cli-reference.md");

  @Test
  void the_checked_in_command_reference_matches_the_command_tree() throws Exception {
    String rendered = CliReference.markdown();
    if (Boolean.getBoolean("cli.reference.write")) {
      Files.writeString(FILE, rendered, StandardCharsets.UTF_8);
    }

    assertThat(FILE).exists();
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as("docs/cli-reference.md is stale: rerun this test with -Dcli.reference.write=true")
        .isEqualTo(rendered);
    assertThat(rendered).contains("## meshctl config set-context", "## meshctl tickets list");
  }
}
