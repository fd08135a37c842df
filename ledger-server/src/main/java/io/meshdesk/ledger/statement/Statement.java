package io.meshdesk.ledger.statement;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A card's immutable statement for one billing cycle. Amounts are positive magnitudes except the
 * balances, which are negative for a credit balance. Always {@code newBalance = previousBalance +
 * purchases + cashAdvances + fees + interest − paymentsAndCredits}.
 *
 * @param cycle the closed cycle (period start and end, both inclusive)
 * @param previousBalance the previous statement's new balance
 * @param paymentsAndCredits payments, refunds, credits and fee and interest reversals posted in the
 *     cycle, less returned payments (negative only when those exceed them)
 * @param purchases purchases posted in the cycle
 * @param cashAdvances cash advances posted in the cycle
 * @param fees fees posted in the cycle, the late fee included
 * @param interest interest charged at closing plus interest lines posted in the cycle
 * @param newBalance the balance at closing
 * @param minimumPayment the minimum payment due
 * @param dueDate the payment due date
 * @param closingBalances the new balance per segment
 * @param averageDailyBalances average daily balance per segment (display, rounded half-even)
 * @param interestCharged interest charged at closing per segment
 * @param purchaseGraceApplied true when the previous balance was paid in full by its due date, so
 *     no purchase interest was charged
 * @param lines the transaction lines by date: activity, late fee and interest
 */
public record Statement(
    BillingCycle cycle,
    Money previousBalance,
    Money paymentsAndCredits,
    Money purchases,
    Money cashAdvances,
    Money fees,
    Money interest,
    Money newBalance,
    Money minimumPayment,
    LocalDate dueDate,
    SegmentAmounts closingBalances,
    SegmentAmounts averageDailyBalances,
    SegmentAmounts interestCharged,
    boolean purchaseGraceApplied,
    List<ActivityLine> lines) {

  /** Checks the fields are present and copies the lines. */
  public Statement {
    Objects.requireNonNull(cycle, "cycle");
    Objects.requireNonNull(newBalance, "newBalance");
    Objects.requireNonNull(minimumPayment, "minimumPayment");
    Objects.requireNonNull(dueDate, "dueDate");
    Objects.requireNonNull(closingBalances, "closingBalances");
    lines = List.copyOf(lines);
  }

  /** First day of the statement period. */
  public LocalDate periodStart() {
    return cycle.start();
  }

  /** Last day of the statement period, the closing date. */
  public LocalDate periodEnd() {
    return cycle.closingDate();
  }

  /** The snapshot the next cycle's statement is computed from. */
  public PreviousStatement snapshot() {
    return new PreviousStatement(closingBalances, minimumPayment, dueDate);
  }
}
