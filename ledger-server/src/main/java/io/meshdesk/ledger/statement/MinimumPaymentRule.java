package io.meshdesk.ledger.statement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * A product's minimum payment: {@code max(floor, percent of new balance + interest + fees)}, never
 * more than the new balance, and zero when nothing is owed.
 *
 * @param floor the smallest minimum payment, e.g. 25.00
 * @param percentBps percent of the new balance in basis points (100 = 1 %)
 */
public record MinimumPaymentRule(Money floor, int percentBps) {

  /** Validates the rule. */
  public MinimumPaymentRule {
    Objects.requireNonNull(floor, "floor");
    if (floor.isNegative() || percentBps < 0 || percentBps > 10_000) {
      throw new IllegalArgumentException("floor must be >= 0 and percent 0..10000 bps");
    }
  }

  /**
   * The default rule: at least 25 major units, else 1 % of the new balance plus interest and fees.
   */
  public static MinimumPaymentRule standard(Currency currency) {
    return new MinimumPaymentRule(Money.parse("25", currency), 100);
  }

  /**
   * The minimum payment for a statement.
   *
   * @param newBalance the statement's new balance
   * @param interest interest charged in the cycle
   * @param fees fees charged in the cycle
   */
  public Money minimumFor(Money newBalance, Money interest, Money fees) {
    if (!newBalance.isPositive()) {
      return Money.zero(newBalance.currency());
    }
    long percent =
        BigDecimal.valueOf(newBalance.minorUnits())
            .multiply(BigDecimal.valueOf(percentBps))
            .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
    Money computed = new Money(percent, newBalance.currency()).plus(interest).plus(fees);
    return computed.max(floor).min(newBalance);
  }
}
