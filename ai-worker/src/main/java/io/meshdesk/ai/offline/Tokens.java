package io.meshdesk.ai.offline;

import io.meshdesk.ai.retrieval.TextAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.EnglishStemmer;

/** Word tokens with their original spelling, lower case and stem, for the local models. */
final class Tokens {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
  private static final ThreadLocal<EnglishStemmer> STEMMER =
      ThreadLocal.withInitial(EnglishStemmer::new);

  /**
   * One word of a text.
   *
   * @param original as written (case kept, for ALL CAPS detection)
   * @param lower lower case, curly apostrophes straightened
   * @param stem the English (Porter2) stem of {@code lower}
   * @param end offset just after the word in the text
   */
  record Token(String original, String lower, String stem, int end) {

    /** Whether the word is written in capitals and long enough for that to mean shouting. */
    boolean shouted() {
      return original.length() >= 3
          && original.chars().anyMatch(Character::isLetter)
          && original.equals(original.toUpperCase(Locale.ROOT))
          && !original.equals(original.toLowerCase(Locale.ROOT));
    }
  }

  /** A separator that matches no lexicon word, for joining texts. */
  static final Token BREAK = new Token("\n", "\n", "\n", 0);

  private Tokens() {}

  /** The words of {@code text}; empty for null. */
  static List<Token> of(String text) {
    List<Token> tokens = new ArrayList<>();
    if (text == null) {
      return tokens;
    }
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String original = m.group();
      String lower = original.toLowerCase(Locale.ROOT).replace('’', '\'');
      tokens.add(new Token(original, lower, stem(lower), m.end()));
    }
    return tokens;
  }

  /** The stems of the content words of {@code text} (stop words and single letters dropped). */
  static List<String> contentStems(String text) {
    List<String> stems = new ArrayList<>();
    for (Token t : of(text)) {
      if (t.lower().length() > 1 && !TextAnalysis.STOP_WORDS.contains(t.lower())) {
        stems.add(t.stem());
      }
    }
    return stems;
  }

  /** The English stem of one lower-case word. */
  static String stem(String lowerWord) {
    EnglishStemmer stemmer = STEMMER.get();
    stemmer.setCurrent(lowerWord);
    stemmer.stem();
    return stemmer.getCurrent();
  }
}
