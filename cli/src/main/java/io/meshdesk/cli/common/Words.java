package io.meshdesk.cli.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads the short words people type ({@code open}, {@code high}) into proto enum constants. */
public final class Words {

  private Words() {}

  /**
   * The constant {@code PREFIX + WORD} of {@code type}; fails with a one-line message naming {@code
   * option} and the words it accepts.
   */
  public static <E extends Enum<E>> E parse(
      Class<E> type, String prefix, String option, String word) {
    String name = prefix + word.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    try {
      E value = Enum.valueOf(type, name);
      if (!Formats.enumWord(value.name(), prefix).equals("-")) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    String accepted =
        Arrays.stream(type.getEnumConstants())
            .map(e -> Formats.enumWord(e.name(), prefix))
            .filter(w -> !w.equals("-"))
            .collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        option + " must be one of " + accepted + ", got '" + word + "'");
  }
}
