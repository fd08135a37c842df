package io.meshdesk.cli.docs;

import java.util.Locale;

/**
 * A man page in roff source with the man(7) macros. Text passes through {@link #escape}, so nothing
 * in a description is read as a roff request or escape: backslashes print as themselves, a line
 * starting with {@code .} or {@code '} stays text, and hyphens are minus signs ({@code \-}), so an
 * option name copied from the page works in a shell.
 */
final class Roff {

  private final StringBuilder source = new StringBuilder();

  /** The page so far. */
  @Override
  public String toString() {
    return source.toString();
  }

  /** A macro (request) line: {@code .NAME arguments}; the arguments must be roff already. */
  Roff macro(String name, String... arguments) {
    source.append('.').append(name);
    for (String argument : arguments) {
      source.append(' ').append(argument);
    }
    source.append('\n');
    return this;
  }

  /** A comment line, not printed. */
  Roff comment(String text) {
    source.append(".\\\" ").append(escape(text)).append('\n');
    return this;
  }

  /** A section heading ({@code .SH}): the rest of the line is the title. */
  Roff section(String title) {
    return macro("SH", escape(title));
  }

  /** A paragraph of plain text, one roff text line per line of {@code text}. */
  Roff text(String text) {
    for (String line : text.split("\n", -1)) {
      line(escape(line));
    }
    return this;
  }

  /** A text line that is roff already (escaped text and font escapes). */
  Roff line(String roff) {
    if (roff.isEmpty()) {
      return this;
    }
    // A leading '.' or ' ' would be a request or a break; \& is a zero-width nothing before it.
    if (roff.charAt(0) == '.' || roff.charAt(0) == ' ') {
      source.append("\\&");
    }
    source.append(roff).append('\n');
    return this;
  }

  /** {@code text} in bold, escaped. */
  static String bold(String text) {
    return "\\fB" + escape(text) + "\\fR";
  }

  /** {@code text} in italics (an argument to replace), escaped. */
  static String italic(String text) {
    return "\\fI" + escape(text) + "\\fR";
  }

  /** {@code text} as one double-quoted macro argument. */
  static String quoted(String text) {
    return "\"" + escape(text).replace("\"", "\\(dq") + "\"";
  }

  /**
   * {@code text} as roff that prints exactly it: backslash as {@code \e}, hyphen as the minus sign
   * {@code \-}, apostrophe and grave accent as themselves (not typographic quotes), anything beyond
   * ASCII as its Unicode escape (roff reads Latin-1 otherwise), control characters as spaces.
   */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\\' -> b.append("\\e");
                case '-' -> b.append("\\-");
                case '\'' -> b.append("\\(aq");
                case '`' -> b.append("\\(ga");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    b.append(' ');
                  } else if (c > 0x7e) {
                    b.append(String.format(Locale.ROOT, "\\[u%04X]", c));
                  } else {
                    b.append((char) c);
                  }
                }
              }
            });
    return b.toString();
  }
}
