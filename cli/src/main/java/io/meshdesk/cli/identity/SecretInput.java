package io.meshdesk.cli.identity;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads secrets (passwords, bootstrap tokens) from standard input, one per line, or prompts for
 * them on the terminal without echo. Never from a command-line argument, which others can see.
 */
final class SecretInput {

  private BufferedReader stdin;

  /** The next line of standard input; fails when there is none or it is empty. */
  String line(String what) {
    try {
      if (stdin == null) {
        stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      }
      String line = stdin.readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException(
            "expected the " + what + " on standard input, got nothing");
      }
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
    }
  }

  /** Prompts on the terminal without echo; fails when there is no terminal. */
  static String prompt(String label, String stdinFlag) {
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException(
          "no terminal to prompt for the " + label + "; use " + stdinFlag);
    }
    char[] chars = console.readPassword("%s: ", label);
    if (chars == null || chars.length == 0) {
      throw new IllegalArgumentException("no " + label + " given");
    }
    return new String(chars);
  }

  /** From standard input when {@code fromStdin}, else prompted. */
  String read(boolean fromStdin, String label, String stdinFlag) {
    return fromStdin ? line(label) : prompt(label, stdinFlag);
  }
}
