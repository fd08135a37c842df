package io.meshdesk.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code meshctl completion bash|zsh}: prints a shell completion script for the whole command tree.
 */
@Command(
    name = "completion",
    description = {
      "Print a shell completion script.",
      "bash: source <(meshctl completion bash)",
      "zsh:  source <(meshctl completion zsh)"
    })
public final class CompletionCommand implements Callable<Integer> {

  /** Shells the script is written for. */
  public enum Shell {
    bash,
    zsh
  }

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("meshctl", Meshctl.commandLine());
    if (shell == Shell.zsh) {
      // The generated script drives bash's completion API; zsh runs it through bashcompinit.
      script =
          "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
              + script;
    }
    System.out.print(script);
    System.out.flush();
    return 0;
  }
}
