package io.meshdesk.cli.common;

import java.io.Console;

/** What meshctl knows about where its output goes. */
public final class Terminal {

  private Terminal() {}

  /** Whether standard output is an interactive terminal. */
  public static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // Since JDK 22 a console exists even when output is redirected; isTerminal() tells.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /**
   * Whether to colour output: only on a terminal, and never when {@code NO_COLOR} is set to a
   * non-empty value (see no-color.org).
   */
  public static boolean colour() {
    String noColor = System.getenv("NO_COLOR");
    return interactive() && (noColor == null || noColor.isEmpty());
  }
}
