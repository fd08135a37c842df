package io.meshdesk.ledger.statement;

import java.util.Currency;
import java.util.Objects;

/**
 * One amount per balance segment (balances, interest, allocations…), all in one currency.
 *
 * @param purchase the purchase segment's amount
 * @param cashAdvance the cash-advance segment's amount
 */
public record SegmentAmounts(Money purchase, Money cashAdvance) {

  /** Validates that both amounts share a currency. */
  public SegmentAmounts {
    Objects.requireNonNull(purchase, "purchase");
    Objects.requireNonNull(cashAdvance, "cashAdvance");
    if (!purchase.currency().equals(cashAdvance.currency())) {
      throw new IllegalArgumentException("segments must share a currency");
    }
  }

  /** Zero in every segment. */
  public static SegmentAmounts zero(Currency currency) {
    return new SegmentAmounts(Money.zero(currency), Money.zero(currency));
  }

  /** The segment's amount. */
  public Money get(Segment segment) {
    return segment == Segment.PURCHASE ? purchase : cashAdvance;
  }

  /** A copy with the segment's amount replaced. */
  public SegmentAmounts with(Segment segment, Money amount) {
    return segment == Segment.PURCHASE
        ? new SegmentAmounts(amount, cashAdvance)
        : new SegmentAmounts(purchase, amount);
  }

  /** A copy with {@code amount} added to the segment. */
  public SegmentAmounts add(Segment segment, Money amount) {
    return with(segment, get(segment).plus(amount));
  }

  /** Sum over segments. */
  public Money total() {
    return purchase.plus(cashAdvance);
  }

  /** The currency of the amounts. */
  public Currency currency() {
    return purchase.currency();
  }
}
