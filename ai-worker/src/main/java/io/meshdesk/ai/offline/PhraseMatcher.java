package io.meshdesk.ai.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds lexicon phrases in a sequence of words, longest phrase first. */
final class PhraseMatcher {

  /**
   * A phrase found in a text.
   *
   * @param entry the lexicon entry
   * @param start index of its first word
   */
  record Match(Lexicon.Entry entry, int start) {}

  private static final Comparator<Lexicon.Entry> LONGEST_FIRST =
      Comparator.comparingInt((Lexicon.Entry e) -> e.words().size()).reversed();

  /** Entries by their first word: a stem, or a lower-case word for exact entries. */
  private final Map<String, List<Lexicon.Entry>> byStem = new HashMap<>();

  private final Map<String, List<Lexicon.Entry>> byWord = new HashMap<>();

  PhraseMatcher(List<Lexicon.Entry> entries) {
    for (Lexicon.Entry e : entries) {
      (e.exact() ? byWord : byStem)
          .computeIfAbsent(e.words().get(0), k -> new ArrayList<>())
          .add(e);
    }
    byStem.values().forEach(l -> l.sort(LONGEST_FIRST));
    byWord.values().forEach(l -> l.sort(LONGEST_FIRST));
  }

  /** The longest entry starting at word {@code i} of {@code tokens}, or null. */
  Lexicon.Entry at(List<Tokens.Token> tokens, int i) {
    Tokens.Token first = tokens.get(i);
    Lexicon.Entry byStemMatch = longestAt(byStem.get(first.stem()), tokens, i);
    Lexicon.Entry byWordMatch = longestAt(byWord.get(first.lower()), tokens, i);
    if (byStemMatch == null) {
      return byWordMatch;
    }
    if (byWordMatch == null) {
      return byStemMatch;
    }
    return byWordMatch.words().size() >= byStemMatch.words().size() ? byWordMatch : byStemMatch;
  }

  /** All matches, scanning left to right and never overlapping. */
  List<Match> findAll(List<Tokens.Token> tokens) {
    List<Match> matches = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Lexicon.Entry e = at(tokens, i);
      if (e == null) {
        i++;
      } else {
        matches.add(new Match(e, i));
        i += e.words().size();
      }
    }
    return matches;
  }

  private static Lexicon.Entry longestAt(
      List<Lexicon.Entry> candidates, List<Tokens.Token> tokens, int i) {
    if (candidates == null) {
      return null;
    }
    for (Lexicon.Entry e : candidates) {
      if (i + e.words().size() <= tokens.size() && matchesAt(e, tokens, i)) {
        return e;
      }
    }
    return null;
  }

  private static boolean matchesAt(Lexicon.Entry e, List<Tokens.Token> tokens, int i) {
    for (int k = 0; k < e.words().size(); k++) {
      if (!e.matches(k, tokens.get(i + k))) {
        return false;
      }
    }
    return true;
  }
}
