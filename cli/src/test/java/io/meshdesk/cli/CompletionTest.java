package io.meshdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshctl completion} prints scripts that a real bash uses to complete commands. */
class CompletionTest {

  @TempDir Path dir;

  @Test
  void bash_script_completes_groups_and_their_subcommands() throws Exception {
    CliRun.Result result = CliRun.meshctl("completion", "bash");
    assertThat(result.exit()).isZero();
    Path script = Files.writeString(dir.resolve("meshctl.bash"), result.out());

    assertThat(complete(script, "meshctl", "led")).isEqualTo("ledger");
    assertThat(complete(script, "meshctl", "ledger", "")).contains("audit", "reverse");
  }

  @Test
  void zsh_script_loads_bash_completion_support_first() {
    CliRun.Result result = CliRun.meshctl("completion", "zsh");
    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("autoload -U +X compinit").contains("_complete_meshctl");
  }

  @Test
  void unknown_shell_is_a_usage_error() {
    CliRun.Result result = CliRun.meshctl("completion", "fish");
    assertThat(result.exit()).isEqualTo(Meshctl.EXIT_USAGE);
    assertThat(result.err()).contains("fish");
  }

  /** What bash's completion function offers for the words typed so far. */
  private static String complete(Path script, String... words)
      throws IOException, InterruptedException {
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append('"').append(w).append("\" ");
    }
    String line = String.join(" ", words);
    // compopt only works while bash itself runs a completion; called directly, as here, it
    // complains, so the test stands in a no-op for it
    String program =
        "compopt() { :; }; source '"
            + script
            + "'; COMP_WORDS=("
            + array
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + line
            + "'; COMP_POINT=${#COMP_LINE}; _complete_meshctl; echo \"${COMPREPLY[@]}\"";
    Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(out).isZero();
    return out;
  }
}
