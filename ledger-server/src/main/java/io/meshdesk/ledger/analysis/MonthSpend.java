package io.meshdesk.ledger.analysis;

import java.time.YearMonth;
import java.util.List;

/**
 * Spending in one month.
 *
 * @param month the month
 * @param totalMinor spending over all categories
 * @param categories spending per category, largest first
 */
public record MonthSpend(YearMonth month, long totalMinor, List<CategorySpend> categories) {

  /** Copies the category list. */
  public MonthSpend {
    categories = List.copyOf(categories);
  }
}
