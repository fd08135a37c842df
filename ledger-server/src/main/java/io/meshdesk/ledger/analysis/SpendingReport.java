package io.meshdesk.ledger.analysis;

import java.util.List;

/**
 * A card's spending over a range of months.
 *
 * @param currency the card's currency
 * @param months spending per month, oldest first
 * @param trends trend of the last month per category
 */
public record SpendingReport(String currency, List<MonthSpend> months, List<CategoryTrend> trends) {

  /** Copies the lists. */
  public SpendingReport {
    months = List.copyOf(months);
    trends = List.copyOf(trends);
  }
}
