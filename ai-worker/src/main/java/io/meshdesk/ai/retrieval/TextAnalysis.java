package io.meshdesk.ai.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The text analysis shared by indexing and querying: English tokenization, lower-casing, stop words
 * (standard English plus support-ticket filler such as "hi", "please", "thanks") and Porter
 * stemming, so "refunds" finds "refund" and a polite greeting does not count as similarity.
 */
public final class TextAnalysis {

  /** Words that carry no meaning for matching support texts. */
  public static final CharArraySet STOP_WORDS = stopWords();

  private static final Analyzer SHARED = new EnglishAnalyzer(STOP_WORDS);

  private TextAnalysis() {}

  /** The shared analyzer; Lucene analyzers are thread-safe. */
  public static Analyzer analyzer() {
    return SHARED;
  }

  /**
   * The analyzed terms of {@code text} in order, duplicates kept; empty for null or blank text.
   * Never throws on unusual characters: the tokenizer simply skips what is not a word.
   */
  public static List<String> terms(String text) {
    List<String> terms = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return terms;
    }
    try (TokenStream stream = SHARED.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      // Analysis of an in-memory string cannot do I/O; keep the signature free of it.
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    set.addAll(
        Set.of(
            "hi", "hello", "hey", "dear", "please", "pls", "thanks", "thank", "thx", "regards",
            "cheers", "best", "kind", "team", "support", "i", "me", "my", "we", "our", "you",
            "your", "am", "can", "could", "would", "should", "do", "does", "did", "has", "have",
            "had", "get", "got", "just", "also", "any", "some", "all", "from", "about", "what",
            "when", "how", "why", "which", "who", "so", "very", "really", "still", "again", "im",
            "i'm", "it's", "help", "need", "want", "know", "one", "us"));
    return CharArraySet.unmodifiableSet(set);
  }
}
