package io.meshdesk.ai.offline;

import io.meshdesk.ai.drafting.Draft.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A local triage model: a weighted keyword model picks the category, and rules over keywords and
 * sentiment pick the priority. The keywords live in {@code /offline/triage.txt}. Thread-safe.
 *
 * <p>Categories: {@code billing}, {@code login}, {@code bug}, {@code how-to}, {@code shipping},
 * {@code account}, {@code feature-request}, or {@code other} when nothing scores high enough.
 * Priority: URGENT for outages, security and legal threats; HIGH when the customer is blocked and
 * either clearly upset or in a hurry; LOW for how-to questions and feature requests; otherwise
 * NORMAL.
 */
public final class TriageModel {

  /** The category when no category scores at least {@link #MIN_CATEGORY_SCORE}. */
  public static final String OTHER = "other";

  static final double MIN_CATEGORY_SCORE = 1.0;
  private static final double SUBJECT_FACTOR = 1.5;
  private static final double TAG_BONUS = 2.0;
  private static final String CATEGORY_PREFIX = "category:";

  private final Map<String, PhraseMatcher> categories = new LinkedHashMap<>();
  private final PhraseMatcher urgent;
  private final PhraseMatcher blocking;
  private final PhraseMatcher hurry;

  /** A model with the bundled keywords. */
  public TriageModel() {
    Lexicon lexicon = Lexicon.load("/offline/triage.txt");
    for (String section : lexicon.sectionNames()) {
      if (section.startsWith(CATEGORY_PREFIX)) {
        categories.put(
            section.substring(CATEGORY_PREFIX.length()),
            new PhraseMatcher(lexicon.section(section)));
      }
    }
    this.urgent = new PhraseMatcher(lexicon.section("priority:urgent"));
    this.blocking = new PhraseMatcher(lexicon.section("priority:blocking"));
    this.hurry = new PhraseMatcher(lexicon.section("priority:hurry"));
  }

  /**
   * The triage of one ticket.
   *
   * @param category the category name
   * @param priority the suggested priority
   */
  public record Triage(String category, Priority priority) {}

  /** The category names this model can return, {@link #OTHER} last. */
  public List<String> categoryNames() {
    List<String> names = new ArrayList<>(categories.keySet());
    names.add(OTHER);
    return names;
  }

  /**
   * Triage for a ticket.
   *
   * @param subject the subject, may be empty
   * @param body the customer's message, may be empty
   * @param tags the ticket's tags; a tag naming a category counts towards it
   * @param sentiment the message's sentiment
   */
  public Triage triage(
      String subject, String body, List<String> tags, SentimentModel.Reading sentiment) {
    List<Tokens.Token> subjectWords = Tokens.of(subject);
    List<Tokens.Token> bodyWords = Tokens.of(body);
    List<Tokens.Token> allWords = new ArrayList<>(subjectWords);
    allWords.add(Tokens.BREAK); // keeps a phrase from spanning subject and body
    allWords.addAll(bodyWords);
    String category = category(subjectWords, bodyWords, tags);
    return new Triage(category, priority(category, allWords, sentiment));
  }

  private String category(List<Tokens.Token> subject, List<Tokens.Token> body, List<String> tags) {
    String best = OTHER;
    double bestScore = MIN_CATEGORY_SCORE - 1e-9;
    for (Map.Entry<String, PhraseMatcher> c : categories.entrySet()) {
      double score = score(c.getValue(), subject, body) + tagBonus(c.getKey(), tags);
      if (score > bestScore) {
        best = c.getKey();
        bestScore = score;
      }
    }
    return best;
  }

  private static double score(
      PhraseMatcher matcher, List<Tokens.Token> subject, List<Tokens.Token> body) {
    Map<String, Double> perPhrase = new HashMap<>();
    for (PhraseMatcher.Match m : matcher.findAll(body)) {
      perPhrase.merge(m.entry().phrase(), m.entry().weight(), Math::max);
    }
    for (PhraseMatcher.Match m : matcher.findAll(subject)) {
      perPhrase.merge(m.entry().phrase(), m.entry().weight() * SUBJECT_FACTOR, Math::max);
    }
    return perPhrase.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double tagBonus(String category, List<String> tags) {
    for (String tag : tags) {
      if (tag != null && tag.strip().toLowerCase(Locale.ROOT).equals(category)) {
        return TAG_BONUS;
      }
    }
    return 0;
  }

  private Priority priority(
      String category, List<Tokens.Token> words, SentimentModel.Reading sentiment) {
    if (!urgent.findAll(words).isEmpty()) {
      return Priority.URGENT;
    }
    boolean blocked = !blocking.findAll(words).isEmpty();
    boolean hurried = !hurry.findAll(words).isEmpty();
    if (blocked && (sentiment.stronglyNegative() || hurried)) {
      return Priority.HIGH;
    }
    if (hurried && sentiment.score() < 0) {
      return Priority.HIGH;
    }
    if (!blocked && !hurried && (category.equals("how-to") || category.equals("feature-request"))) {
      return Priority.LOW;
    }
    return Priority.NORMAL;
  }
}
