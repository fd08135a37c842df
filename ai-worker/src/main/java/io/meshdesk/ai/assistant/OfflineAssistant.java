package io.meshdesk.ai.assistant;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers without a language model: the question's intent by embedding similarity, its month and
 * merchant by rules, then the matching ledger function, whose template phrases the answer. The
 * figures are those the same function gives the model.
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

  /** The answer to {@code question}, with the function result it rests on. */
  public FunctionResult answer(LedgerFunctions.Caller caller, String question) {
    String intent = intents.classify(question);
    YearMonth now = functions.thisMonth();
    SpendingQuestion parsed = SpendingQuestion.parse(question, now);
    Map<String, Object> args = new HashMap<>();
    args.put("month", parsed.month().toString());
    if (intent.equals(LedgerFunctions.TRANSACTIONS)) {
      if (parsed.intent() == SpendingQuestion.Intent.BY_MERCHANT) {
        args.put("merchant", parsed.merchant());
      }
      for (String category : MerchantCategories.ALL) {
        if (!category.equals("other")
            && question.toLowerCase(java.util.Locale.ROOT).contains(category)) {
          args.put("category", category);
          args.remove("merchant");
        }
      }
    }
    return functions.call(caller, intent, args);
  }
}
