package io.meshdesk.ai.assistant;

import io.meshdesk.ai.embedding.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognises which ledger function a question asks for by embedding similarity: the question's
 * sentence embedding against worded examples of each function, the nearest example deciding.
 * Thread-safe.
 */
public final class IntentClassifier {

  private static final Map<String, List<String>> EXAMPLES = new LinkedHashMap<>();

  static {
    EXAMPLES.put(
        LedgerFunctions.BALANCE,
        List.of(
            "What is my balance?",
            "How much do I owe on my card?",
            "How much credit do I have left?",
            "When is my payment due and how much is the minimum?",
            "What is my available credit?",
            "Quel est mon solde ?"));
    EXAMPLES.put(
        LedgerFunctions.TRANSACTIONS,
        List.of(
            "How much did I spend this month?",
            "What did I spend at Amazon last month?",
            "Show my transactions from March",
            "List my purchases at the coffee shop",
            "How much have I spent on travel?",
            "Which charges did I make in January?"));
    EXAMPLES.put(
        LedgerFunctions.STATEMENTS,
        List.of(
            "Show my latest statement",
            "What was on my last statement?",
            "What was my statement balance?",
            "When was my last bill issued?",
            "Give me my monthly statements"));
    EXAMPLES.put(
        LedgerFunctions.BY_CATEGORY,
        List.of(
            "What did I spend by category?",
            "Break down my spending by category",
            "Where does my money go?",
            "Which categories did I spend the most on this month?",
            "Split my expenses into groceries, dining and travel"));
    EXAMPLES.put(
        LedgerFunctions.COMPARE,
        List.of(
            "Did I spend more this month than last month?",
            "Compare my spending with the previous month",
            "How does March compare to February?",
            "Is my spending going up or down month to month?",
            "Am I spending less than last month?"));
    EXAMPLES.put(
        LedgerFunctions.UNUSUAL,
        List.of(
            "Are there any unusual charges on my card?",
            "Was I charged twice for something?",
            "Is there a charge I don't recognise?",
            "Flag any suspicious transactions",
            "Any strange or duplicate payments this month?",
            "I see a charge I never signed up for"));
  }

  private final Embedder embedder;
  private final List<String> labels = new ArrayList<>();
  private final List<float[]> vectors;

  /** Embeds the examples once, as one batch. */
  public IntentClassifier(Embedder embedder) {
    this.embedder = embedder;
    List<String> texts = new ArrayList<>();
    EXAMPLES.forEach(
        (intent, examples) ->
            examples.forEach(
                e -> {
                  labels.add(intent);
                  texts.add(e);
                }));
    this.vectors = embedder.embedAll(texts);
  }

  /** The function {@code question} most likely asks for (one of {@link LedgerFunctions#NAMES}). */
  public String classify(String question) {
    float[] q = embedder.embed(question);
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < vectors.size(); i++) {
      double s = Embedder.similarity(q, vectors.get(i));
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    return labels.get(best);
  }
}
