package io.meshdesk.ai.assistant;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves a follow-up question against the turn before it, so the offline assistant keeps the
 * thread of a conversation: "and the month before?" asks the previous question one month earlier,
 * "what about groceries?" asks it about another category (as a list of that category's
 * transactions) in the same month; a question that is not a follow-up stands on its own.
 */
final class FollowUps {

  /**
   * What one turn asks of the ledger.
   *
   * @param function the ledger function
   * @param month the month it covers
   * @param monthNamed whether the question itself named the month ("this month", "in March")
   * @param category merchant category, or empty
   * @param merchant merchant name, or empty
   */
  record Asked(
      String function, YearMonth month, boolean monthNamed, String category, String merchant) {

    /** The function's arguments; category and merchant only for transactions. */
    Map<String, Object> args() {
      Map<String, Object> args = new HashMap<>();
      args.put("month", month.toString());
      if (function.equals(LedgerFunctions.TRANSACTIONS)) {
        if (!category.isEmpty()) {
          args.put("category", category);
        } else if (!merchant.isEmpty()) {
          args.put("merchant", merchant);
        }
      }
      return args;
    }
  }

  private static final Pattern OPENER =
      Pattern.compile("^(and|what about|how about|and what about|same for|what of)\\b.*");
  private static final Pattern EARLIER =
      Pattern.compile(
          ".*\\b(the month before|month before that|before that|the previous one|the month prior)\\b.*");
  private static final Pattern LATER =
      Pattern.compile(".*\\b(the month after|month after that|the following month)\\b.*");

  private FollowUps() {}

  /**
   * What {@code question} asks, given what the previous turn asked ({@code previous}, null when
   * there is none) and what the question asks read on its own ({@code own}).
   */
  static Asked resolve(Asked previous, String question, Asked own) {
    String q = question.toLowerCase(Locale.ROOT).strip();
    boolean earlier = EARLIER.matcher(q).matches();
    boolean later = LATER.matcher(q).matches();
    if (previous == null || !(OPENER.matcher(q).matches() || earlier || later)) {
      return own;
    }
    YearMonth month =
        earlier
            ? previous.month().minusMonths(1)
            : later
                ? previous.month().plusMonths(1)
                : own.monthNamed() ? own.month() : previous.month();
    boolean namesSubject = !own.category().isEmpty() || !own.merchant().isEmpty();
    String function = namesSubject ? LedgerFunctions.TRANSACTIONS : previous.function();
    String category = namesSubject ? own.category() : previous.category();
    String merchant = namesSubject ? own.merchant() : previous.merchant();
    return new Asked(function, month, true, category, merchant);
  }
}
