package io.meshdesk.ledger.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.InvalidArgumentException;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendingAnalysisTest {

  private static final YearMonth JAN = YearMonth.of(2026, 1);
  private static final YearMonth FEB = YearMonth.of(2026, 2);
  private static final YearMonth MAR = YearMonth.of(2026, 3);

  @Test
  void groupsCategoryCodesIntoCategoriesPerMonthLargestFirstWithEmptyMonths() {
    List<MonthSpend> months =
        SpendingAnalysis.monthly(
            new MonthRange(JAN, MAR),
            List.of(
                new CategoryMonthTotal(JAN, "5411", 4_000, 2),
                new CategoryMonthTotal(JAN, "5499", 1_000, 1),
                new CategoryMonthTotal(JAN, "5812", 6_000, 3),
                new CategoryMonthTotal(MAR, "", 700, 1)));

    assertThat(months).extracting(MonthSpend::month).containsExactly(JAN, FEB, MAR);
    assertThat(months.get(0).totalMinor()).isEqualTo(11_000);
    assertThat(months.get(0).categories())
        .containsExactly(
            new CategorySpend("dining", 6_000, 3), new CategorySpend("groceries", 5_000, 3));
    assertThat(months.get(1).categories()).isEmpty();
    assertThat(months.get(1).totalMinor()).isZero();
    assertThat(months.get(2).categories()).containsExactly(new CategorySpend("other", 700, 1));
  }

  @Test
  void refundsReduceTheirCategoryAndTotalsOutsideTheRangeAreIgnored() {
    List<MonthSpend> months =
        SpendingAnalysis.monthly(
            new MonthRange(JAN, JAN),
            List.of(
                new CategoryMonthTotal(JAN, "5411", 4_000, 2),
                new CategoryMonthTotal(JAN, "5411", -1_500, 1),
                new CategoryMonthTotal(FEB, "5411", 9_999, 1)));

    assertThat(months)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.totalMinor()).isEqualTo(2_500);
              assertThat(m.categories()).containsExactly(new CategorySpend("groceries", 2_500, 3));
            });
  }

  @Test
  void trendComparesTheLastMonthWithTheMeanOfEarlierMonths() {
    List<MonthSpend> months =
        SpendingAnalysis.monthly(
            new MonthRange(JAN, MAR),
            List.of(
                new CategoryMonthTotal(JAN, "5411", 10_000, 1),
                new CategoryMonthTotal(FEB, "5411", 20_000, 1),
                new CategoryMonthTotal(MAR, "5411", 18_000, 1),
                new CategoryMonthTotal(JAN, "5812", 3_001, 1),
                new CategoryMonthTotal(MAR, "4899", 1_999, 1)));

    List<CategoryTrend> trends = SpendingAnalysis.trends(months);

    assertThat(trends)
        .containsExactly(
            new CategoryTrend("groceries", 18_000, 15_000, 3_000, 20.0),
            new CategoryTrend("subscriptions", 1_999, 0, 1_999, null),
            new CategoryTrend("dining", 0, 1_501, -1_501, -100.0));
  }

  @Test
  void percentChangeIsRoundedToOneDecimal() {
    List<MonthSpend> months =
        SpendingAnalysis.monthly(
            new MonthRange(JAN, FEB),
            List.of(
                new CategoryMonthTotal(JAN, "5411", 3_000, 1),
                new CategoryMonthTotal(FEB, "5411", 4_000, 1)));

    assertThat(SpendingAnalysis.trends(months))
        .singleElement()
        .extracting(CategoryTrend::percentChange)
        .isEqualTo(33.3);
  }

  @Test
  void oneMonthHasNoTrend() {
    List<MonthSpend> months =
        SpendingAnalysis.monthly(
            new MonthRange(JAN, JAN), List.of(new CategoryMonthTotal(JAN, "5411", 3_000, 1)));

    assertThat(SpendingAnalysis.trends(months)).isEmpty();
  }

  @Test
  void rejectsARangeEndingBeforeItStartsOrLongerThanTwoYears() {
    assertThatThrownBy(() -> MonthRange.parse("2026-03", "2026-02"))
        .isInstanceOf(InvalidArgumentException.class)
        .extracting(e -> ((InvalidArgumentException) e).field())
        .isEqualTo("to_month");
    assertThatThrownBy(() -> MonthRange.parse("2024-01", "2026-02"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("to_month");
    assertThat(MonthRange.parse("2024-01", "2026-01").months()).hasSize(25);
  }
}
