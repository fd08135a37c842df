package io.meshdesk.ledger.statement;

import java.util.Objects;

/**
 * A product's late fee: charged when payments made by the due date fall short of the minimum due,
 * and never more than that minimum.
 *
 * @param amount the product's late fee
 */
public record LateFeePolicy(Money amount) {

  /** Validates the fee. */
  public LateFeePolicy {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("late fee must not be negative");
    }
  }

  /**
   * The late fee owed.
   *
   * @param minimumDue the previous statement's minimum payment
   * @param paidByDueDate payments (not refunds or credits) dated on or before its due date
   * @return the fee, zero when the minimum was paid
   */
  public Money assess(Money minimumDue, Money paidByDueDate) {
    if (paidByDueDate.compareTo(minimumDue) >= 0) {
      return Money.zero(amount.currency());
    }
    return amount.min(minimumDue);
  }
}
