package io.meshdesk.ai.knowledge;

import io.meshdesk.ai.retrieval.TextAnalysis;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Cuts a plain-text passage of a Markdown body around the first word that matches a query. */
final class Snippets {

  static final int LENGTH = 200;

  private Snippets() {}

  static String around(String markdown, String query) {
    String text = plain(markdown);
    Set<String> terms = new HashSet<>(TextAnalysis.terms(query));
    int at = 0;
    int pos = 0;
    for (String word : text.split("(?<=\\s)")) {
      List<String> analyzed = TextAnalysis.terms(word);
      if (!analyzed.isEmpty() && terms.contains(analyzed.getFirst())) {
        at = pos;
        break;
      }
      pos += word.length();
    }
    int start = Math.max(0, at - LENGTH / 4);
    while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
      start--;
    }
    int end = Math.min(text.length(), start + LENGTH);
    return (start > 0 ? "…" : "")
        + text.substring(start, end).strip()
        + (end < text.length() ? "…" : "");
  }

  /** Markdown reduced to words: no headings marks, emphasis, links or code fences. */
  static String plain(String markdown) {
    return MarkdownText.withoutFencesAndLinks(markdown)
        .replaceAll("(?m)^\\s{0,3}(#{1,6}|[-*+]|\\d+\\.|>)\\s+", "")
        .replaceAll("[*_`]", "")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
