package io.meshdesk.ledger.analysis;

import io.meshdesk.platform.ledger.MerchantCategories;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Monthly spending per category over a range of months, and the trend of its last month. */
public final class SpendingAnalysis {

  private SpendingAnalysis() {}

  /**
   * Groups the store's per-code totals into categories for every month of {@code range}, months
   * without purchases included; categories within a month largest first (then by name).
   */
  public static List<MonthSpend> monthly(MonthRange range, List<CategoryMonthTotal> totals) {
    Map<YearMonth, Map<String, long[]>> byMonth = new LinkedHashMap<>();
    range.months().forEach(m -> byMonth.put(m, new TreeMap<>()));
    for (CategoryMonthTotal t : totals) {
      Map<String, long[]> cats = byMonth.get(t.month());
      if (cats != null) {
        long[] sum = cats.computeIfAbsent(MerchantCategories.of(t.mcc()), k -> new long[2]);
        sum[0] += t.amountMinor();
        sum[1] += t.count();
      }
    }
    List<MonthSpend> out = new ArrayList<>();
    byMonth.forEach(
        (month, cats) -> {
          List<CategorySpend> list = new ArrayList<>();
          cats.forEach((c, s) -> list.add(new CategorySpend(c, s[0], (int) s[1])));
          list.sort(
              Comparator.comparingLong(CategorySpend::amountMinor)
                  .reversed()
                  .thenComparing(CategorySpend::category));
          out.add(
              new MonthSpend(
                  month, list.stream().mapToLong(CategorySpend::amountMinor).sum(), list));
        });
    return out;
  }

  /**
   * Compares each category's spending in the last month with its mean over the earlier months (a
   * month without the category counts as zero); largest absolute delta first. Empty for fewer than
   * two months.
   */
  public static List<CategoryTrend> trends(List<MonthSpend> months) {
    if (months.size() < 2) {
      return List.of();
    }
    MonthSpend last = months.getLast();
    List<MonthSpend> earlier = months.subList(0, months.size() - 1);
    Map<String, Long> earlierSums = new TreeMap<>();
    Map<String, Long> current = new TreeMap<>();
    for (MonthSpend m : earlier) {
      m.categories().forEach(c -> earlierSums.merge(c.category(), c.amountMinor(), Long::sum));
    }
    last.categories().forEach(c -> current.put(c.category(), c.amountMinor()));
    TreeSet<String> all = new TreeSet<>(earlierSums.keySet());
    all.addAll(current.keySet());
    List<CategoryTrend> out = new ArrayList<>();
    for (String category : all) {
      long now = current.getOrDefault(category, 0L);
      long baseline =
          BigDecimal.valueOf(earlierSums.getOrDefault(category, 0L))
              .divide(BigDecimal.valueOf(earlier.size()), 0, RoundingMode.HALF_UP)
              .longValueExact();
      long delta = now - baseline;
      Double percent =
          baseline == 0
              ? null
              : BigDecimal.valueOf(delta * 100L)
                  .divide(BigDecimal.valueOf(baseline), 1, RoundingMode.HALF_UP)
                  .doubleValue();
      out.add(new CategoryTrend(category, now, baseline, delta, percent));
    }
    out.sort(
        Comparator.comparingLong((CategoryTrend t) -> Math.abs(t.deltaMinor()))
            .reversed()
            .thenComparing(CategoryTrend::category));
    return out;
  }
}
