package io.meshdesk.ai.offline;

import io.meshdesk.ai.drafting.Draft;
import java.util.List;

/**
 * A local, lexicon-based sentiment model for customer messages. Word valences come from {@code
 * /offline/sentiment.txt}; a negator flips the next few sentiment words ("not working" is
 * negative), intensifiers scale the next one ("very slow"), words in ALL CAPS and exclamation marks
 * amplify, and after a contrast word ("but") the rest of the message counts more. The sum is
 * squashed into [-1, 1]. Thread-safe.
 */
public final class SentimentModel {

  /** Scores at or beyond this magnitude get a non-neutral label. */
  static final double LABEL_THRESHOLD = 0.2;

  private static final int NEGATION_WINDOW = 3;
  private static final int INTENSIFIER_WINDOW = 2;
  private static final double SHOUT_FACTOR = 1.5;
  private static final double SQUASH_ALPHA = 4.0;

  private final PhraseMatcher words;
  private final PhraseMatcher negators;
  private final PhraseMatcher intensifiers;
  private final PhraseMatcher contrasts;

  /** A model with the bundled lexicon. */
  public SentimentModel() {
    Lexicon lexicon = Lexicon.load("/offline/sentiment.txt");
    this.words = new PhraseMatcher(lexicon.section("words"));
    this.negators = new PhraseMatcher(lexicon.section("negators"));
    this.intensifiers = new PhraseMatcher(lexicon.section("intensifiers"));
    this.contrasts = new PhraseMatcher(lexicon.section("contrast"));
  }

  /**
   * The sentiment of a message.
   *
   * @param label the label, neutral when the score is close to zero
   * @param score in [-1, 1], negative is unhappy
   */
  public record Reading(Draft.Sentiment label, double score) {

    /** Whether the customer is clearly upset, not merely reporting a fault. */
    public boolean stronglyNegative() {
      return score <= -0.5;
    }

    /** Whether the customer is clearly pleased, beyond politeness. */
    public boolean stronglyPositive() {
      return score >= 0.5;
    }
  }

  /** Reads the sentiment of {@code text}; null or empty text is neutral. */
  public Reading read(String text) {
    List<Tokens.Token> tokens = Tokens.of(text);
    double sum = 0;
    int negatedUntil = -1;
    int intensifiedUntil = -1;
    double intensity = 1.0;
    int shouted = 0;
    int i = 0;
    while (i < tokens.size()) {
      if (tokens.get(i).shouted()) {
        shouted++;
      }
      Lexicon.Entry word = words.at(tokens, i);
      Lexicon.Entry negator = negators.at(tokens, i);
      Lexicon.Entry intensifier = intensifiers.at(tokens, i);
      if (word != null && isLongest(word, negator, intensifier)) {
        double valence = word.weight();
        if (i <= intensifiedUntil) {
          valence *= intensity;
        }
        if (tokens.get(i).shouted()) {
          valence *= SHOUT_FACTOR;
        }
        if (i <= negatedUntil) {
          // "not working" is a complaint; "not bad" is only faint praise.
          valence = valence > 0 ? -valence : -valence * 0.5;
        }
        sum += valence;
        i += word.words().size();
      } else if (negator != null && (intensifier == null || longer(negator, intensifier))) {
        i += negator.words().size();
        negatedUntil = i + NEGATION_WINDOW - 1;
      } else if (intensifier != null) {
        i += intensifier.words().size();
        intensity = intensifier.weight();
        intensifiedUntil = i + INTENSIFIER_WINDOW - 1;
      } else {
        if (contrasts.at(tokens, i) != null) {
          sum *= 0.5;
        }
        i++;
      }
    }
    sum *= exclamationFactor(text);
    if (tokens.size() >= 3 && shouted * 2 > tokens.size()) {
      sum *= 1.3;
    }
    double score = sum / Math.sqrt(sum * sum + SQUASH_ALPHA);
    return new Reading(label(score), score);
  }

  private static Draft.Sentiment label(double score) {
    if (score >= LABEL_THRESHOLD) {
      return Draft.Sentiment.POSITIVE;
    }
    if (score <= -LABEL_THRESHOLD) {
      return Draft.Sentiment.NEGATIVE;
    }
    return Draft.Sentiment.NEUTRAL;
  }

  private static double exclamationFactor(String text) {
    if (text == null) {
      return 1.0;
    }
    long marks = text.chars().filter(c -> c == '!').count();
    return 1.0 + 0.15 * Math.min(marks, 3);
  }

  private static boolean isLongest(Lexicon.Entry word, Lexicon.Entry... others) {
    for (Lexicon.Entry other : others) {
      if (other != null && longer(other, word)) {
        return false;
      }
    }
    return true;
  }

  private static boolean longer(Lexicon.Entry a, Lexicon.Entry b) {
    return a.words().size() > b.words().size();
  }
}
