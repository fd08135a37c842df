package io.meshdesk.ai.assistant;

import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a spending question asks, recognised by a small rule-based parser.
 *
 * @param intent what is asked
 * @param month the calendar month a sum covers (this month unless "last month" or a month name)
 * @param merchant merchant name for {@link Intent#BY_MERCHANT}, else empty
 */
public record SpendingQuestion(Intent intent, YearMonth month, String merchant) {

  /** Kinds of question the assistant answers. */
  public enum Intent {
    TOTAL_SPENT,
    BY_MERCHANT,
    LARGEST_PURCHASE,
    BALANCE,
    DUE_DATE
  }

  private static final Pattern MERCHANT =
      Pattern.compile(
          "\\b(?:at|on|with|from)\\s+([a-z0-9&'. -]{2,40}?)(?:\\s+(?:this|last|in|during)\\b|[?.!]|$)");
  private static final String[] MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december"
  };

  /** Parses {@code question}; {@code today} anchors "this month" and "last month". */
  public static SpendingQuestion parse(String question, YearMonth today) {
    String q = question.toLowerCase(Locale.ROOT).strip();
    YearMonth month = today;
    if (q.contains("last month") || q.contains("previous month")) {
      month = today.minusMonths(1);
    } else {
      for (int i = 0; i < MONTHS.length; i++) {
        if (q.matches(".*\\b" + MONTHS[i] + "\\b.*")
            && !(i == 4 && !q.matches(".*\\bin may\\b.*"))) {
          YearMonth m = YearMonth.of(today.getYear(), i + 1);
          month = m.isAfter(today) ? m.minusYears(1) : m;
        }
      }
    }
    if (q.matches(".*\\b(due|deadline|pay by|when .*pay)\\b.*")) {
      return new SpendingQuestion(Intent.DUE_DATE, month, "");
    }
    if (q.matches(".*\\b(balance|owe|available|credit left|limit)\\b.*")) {
      return new SpendingQuestion(Intent.BALANCE, month, "");
    }
    if (q.matches(".*\\b(largest|biggest|highest|most expensive|largest purchase)\\b.*")) {
      return new SpendingQuestion(Intent.LARGEST_PURCHASE, month, "");
    }
    Matcher m = MERCHANT.matcher(q);
    if (m.find()) {
      String name = m.group(1).strip();
      if (!name.matches("(this|last|the|my)( month| card)?|travel|groceries|food")) {
        return new SpendingQuestion(Intent.BY_MERCHANT, month, name);
      }
    }
    return new SpendingQuestion(Intent.TOTAL_SPENT, month, "");
  }
}
