package io.meshdesk.ai.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits text into sentences (for summaries) and into streamable chunks (for replies). */
final class Sentences {

  private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+|\\s*\\n\\s*");

  private Sentences() {}

  /** The non-blank sentences of {@code text}, trimmed; a line break also ends a sentence. */
  static List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    if (text == null) {
      return sentences;
    }
    for (String s : BOUNDARY.split(text)) {
      if (!s.isBlank()) {
        sentences.add(s.strip());
      }
    }
    return sentences;
  }

  /**
   * {@code text} cut after each sentence end or line break, the following whitespace kept with the
   * chunk before it, so that the chunks concatenate to exactly {@code text}.
   */
  static List<String> chunks(String text) {
    List<String> chunks = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      boolean end = c == '\n' || ((c == '.' || c == '!' || c == '?') && isSpaceAt(text, i + 1));
      i++;
      if (end) {
        while (i < n && Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        chunks.add(text.substring(start, i));
        start = i;
      }
    }
    if (start < n) {
      chunks.add(text.substring(start));
    }
    return chunks;
  }

  private static boolean isSpaceAt(String text, int i) {
    return i >= text.length() || Character.isWhitespace(text.charAt(i));
  }
}
