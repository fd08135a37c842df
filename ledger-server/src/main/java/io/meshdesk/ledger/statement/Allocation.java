package io.meshdesk.ledger.statement;

import java.util.Objects;

/**
 * How a payment or credit was spread over the segments.
 *
 * @param applied amount taken off each segment's positive balance
 * @param unapplied what exceeded every positive balance; it becomes a credit balance
 */
public record Allocation(SegmentAmounts applied, Money unapplied) {

  /** Validates the allocation. */
  public Allocation {
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(unapplied, "unapplied");
  }

  /** The balances after the allocation; a credit balance is held in the purchase segment. */
  public SegmentAmounts applyTo(SegmentAmounts balances) {
    return new SegmentAmounts(
        balances.purchase().minus(applied.purchase()).minus(unapplied),
        balances.cashAdvance().minus(applied.cashAdvance()));
  }
}
