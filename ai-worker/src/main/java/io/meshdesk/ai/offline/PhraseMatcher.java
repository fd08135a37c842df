package io.meshdesk.ai.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds lexicon phrases in a sequence of word stems, longest phrase first. */
final class PhraseMatcher {

  /**
   * A phrase found in a text.
   *
   * @param entry the lexicon entry
   * @param start index of its first word
   */
  record Match(Lexicon.Entry entry, int start) {

    /** Index just after its last word. */
    int end() {
      return start + entry.stems().size();
    }
  }

  private final Map<String, List<Lexicon.Entry>> byFirstStem = new HashMap<>();

  PhraseMatcher(List<Lexicon.Entry> entries) {
    for (Lexicon.Entry e : entries) {
      byFirstStem.computeIfAbsent(e.stems().get(0), k -> new ArrayList<>()).add(e);
    }
    byFirstStem
        .values()
        .forEach(l -> l.sort(Comparator.comparingInt((Lexicon.Entry e) -> e.stems().size()).reversed()));
  }

  /** The longest entry starting at word {@code i} of {@code stems}, or null. */
  Lexicon.Entry at(List<String> stems, int i) {
    List<Lexicon.Entry> candidates = byFirstStem.get(stems.get(i));
    if (candidates == null) {
      return null;
    }
    for (Lexicon.Entry e : candidates) {
      List<String> phrase = e.stems();
      if (i + phrase.size() <= stems.size() && stems.subList(i, i + phrase.size()).equals(phrase)) {
        return e;
      }
    }
    return null;
  }

  /** All matches, scanning left to right and never overlapping. */
  List<Match> findAll(List<String> stems) {
    List<Match> matches = new ArrayList<>();
    int i = 0;
    while (i < stems.size()) {
      Lexicon.Entry e = at(stems, i);
      if (e == null) {
        i++;
      } else {
        matches.add(new Match(e, i));
        i += e.stems().size();
      }
    }
    return matches;
  }
}
