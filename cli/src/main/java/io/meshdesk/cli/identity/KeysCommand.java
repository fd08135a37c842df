package io.meshdesk.cli.identity;

import picocli.CommandLine.Command;

/** {@code meshctl keys}: the token signing keys (ticket server, platform admin). */
@Command(
    name = "keys",
    description = "Token signing keys.",
    subcommands = {KeysRotateCommand.class})
public final class KeysCommand {

  private KeysCommand() {}
}
