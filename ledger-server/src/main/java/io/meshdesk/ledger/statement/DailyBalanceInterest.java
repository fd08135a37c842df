package io.meshdesk.ledger.statement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Average-daily-balance interest: {@code ADB × APR / 365 × days}. Since {@code ADB × days} is the
 * sum of the daily balances, interest is computed from that exact sum, so only the final result is
 * rounded (half-even, to the minor unit).
 */
public final class DailyBalanceInterest {

  /** Days per year in the daily periodic rate, leap years included. */
  public static final int DAYS_PER_YEAR = 365;

  private static final BigDecimal BPS_YEAR = BigDecimal.valueOf(10_000L * DAYS_PER_YEAR);

  private DailyBalanceInterest() {}

  /**
   * Interest on a segment for one cycle.
   *
   * @param sumOfDailyBalances sum of the segment's end-of-day balances (credit days count as 0)
   * @param aprBps the segment's APR in basis points
   */
  public static Money interest(Money sumOfDailyBalances, int aprBps) {
    long minor =
        BigDecimal.valueOf(sumOfDailyBalances.minorUnits())
            .multiply(BigDecimal.valueOf(aprBps))
            .divide(BPS_YEAR, 0, RoundingMode.HALF_EVEN)
            .longValueExact();
    return new Money(minor, sumOfDailyBalances.currency());
  }

  /** The average daily balance, rounded half-even to the minor unit, for display. */
  public static Money averageDailyBalance(Money sumOfDailyBalances, int days) {
    long minor =
        BigDecimal.valueOf(sumOfDailyBalances.minorUnits())
            .divide(BigDecimal.valueOf(days), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
    return new Money(minor, sumOfDailyBalances.currency());
  }
}
