package io.meshdesk.ledger.analysis;

import io.meshdesk.platform.errors.InvalidArgumentException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * An inclusive range of calendar months, at most {@link #MAX_MONTHS} long.
 *
 * @param from first month
 * @param to last month
 */
public record MonthRange(YearMonth from, YearMonth to) {

  /** Longest range a spending report covers. */
  public static final int MAX_MONTHS = 25;

  /** Rejects an empty or overlong range, naming {@code to_month}. */
  public MonthRange {
    if (to.isBefore(from)) {
      throw new InvalidArgumentException("to_month", "must not be before from_month");
    }
    if (months(from, to) > MAX_MONTHS) {
      throw new InvalidArgumentException(
          "to_month", "at most " + (MAX_MONTHS - 1) + " months after from_month");
    }
  }

  /** Parses "YYYY-MM" months. */
  public static MonthRange parse(String from, String to) {
    return new MonthRange(YearMonth.parse(from), YearMonth.parse(to));
  }

  /** First day of the range. */
  public LocalDate firstDay() {
    return from.atDay(1);
  }

  /** Day after the range. */
  public LocalDate endExclusive() {
    return to.plusMonths(1).atDay(1);
  }

  /** Every month of the range, oldest first. */
  public List<YearMonth> months() {
    List<YearMonth> out = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      out.add(m);
    }
    return out;
  }

  private static long months(YearMonth from, YearMonth to) {
    return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue() + 1;
  }
}
