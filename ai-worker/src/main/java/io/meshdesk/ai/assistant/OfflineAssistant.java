package io.meshdesk.ai.assistant;

import io.meshdesk.platform.ledger.MerchantCategories;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Answers without a language model: the question's intent by embedding similarity, its month and
 * merchant by rules, then the matching ledger function, whose template phrases the answer. The
 * figures are those the same function gives the model. A follow-up ("and the month before?", "what
 * about groceries?") is resolved against the conversation's earlier turns ({@link FollowUps}).
 */
public final class OfflineAssistant {

  /** Name recorded as the drafter of offline answers. */
  public static final String DRAFTER = SpendingAssistant.DRAFTER;

  private final IntentClassifier intents;
  private final LedgerFunctions functions;

  public OfflineAssistant(IntentClassifier intents, LedgerFunctions functions) {
    this.intents = intents;
    this.functions = functions;
  }

  /** The answer to {@code question} asked on its own, with the function result it rests on. */
  public FunctionResult answer(LedgerFunctions.Caller caller, String question) {
    return answer(caller, List.of(), question);
  }

  /**
   * The answer to {@code question} after the conversation's earlier turns ({@code history}, oldest
   * first), with the function result it rests on.
   */
  public FunctionResult answer(
      LedgerFunctions.Caller caller, List<ConversationTurn> history, String question) {
    YearMonth now = functions.thisMonth();
    FollowUps.Asked context = null;
    for (ConversationTurn turn : history) {
      context = FollowUps.resolve(context, turn.question(), read(turn.question(), now));
    }
    FollowUps.Asked asked = FollowUps.resolve(context, question, read(question, now));
    return functions.call(caller, asked.function(), asked.args());
  }

  /** What {@code question} asks read on its own. */
  private FollowUps.Asked read(String question, YearMonth now) {
    String intent = intents.classify(question);
    String q = question.toLowerCase(Locale.ROOT);
    SpendingQuestion parsed = SpendingQuestion.parse(question, now);
    String category = "";
    for (String c : MerchantCategories.ALL) {
      if (!c.equals(MerchantCategories.OTHER) && names(q, c)) {
        category = c;
      }
    }
    String merchant =
        category.isEmpty() && parsed.intent() == SpendingQuestion.Intent.BY_MERCHANT
            ? parsed.merchant()
            : "";
    boolean named = q.contains("this month") || !parsed.month().equals(now);
    return new FollowUps.Asked(intent, parsed.month(), named, category, merchant);
  }

  /** Whether {@code q} names {@code category} as a word, also in the singular ("subscription"). */
  private static boolean names(String q, String category) {
    String singular = category.endsWith("s") ? category.substring(0, category.length() - 1) : "";
    return Pattern.compile("\\b(" + category + (singular.isEmpty() ? "" : "|" + singular) + ")\\b")
        .matcher(q)
        .find();
  }
}
