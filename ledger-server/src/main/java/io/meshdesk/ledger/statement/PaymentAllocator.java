package io.meshdesk.ledger.statement;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Spreads payments and credits over the segments' positive balances.
 *
 * <p>Payments: the part that still covers the previous statement's minimum payment goes to the
 * lowest-APR balance first (as the US CARD Act allows), everything above the minimum to the
 * highest-APR balance first (as it requires). Refunds go to the purchase segment first, other
 * credits to the highest APR first. Equal APRs: lowest-first takes the purchase segment first,
 * highest-first takes the cash-advance segment first. Whatever exceeds every positive balance is
 * left unapplied and becomes a credit balance.
 */
public final class PaymentAllocator {

  private final List<Segment> lowestAprFirst;
  private final List<Segment> highestAprFirst;

  /** An allocator for the product's APRs. */
  public PaymentAllocator(ProductTerms terms) {
    Comparator<Segment> byApr =
        Comparator.<Segment>comparingInt(terms::aprBps).thenComparing(Comparator.naturalOrder());
    this.lowestAprFirst = Arrays.stream(Segment.values()).sorted(byApr).toList();
    this.highestAprFirst = Arrays.stream(Segment.values()).sorted(byApr.reversed()).toList();
  }

  /** Segments in the order excess payments and credits are applied. */
  public List<Segment> highestAprFirst() {
    return highestAprFirst;
  }

  /** Segments in the order the minimum-payment portion is applied. */
  public List<Segment> lowestAprFirst() {
    return lowestAprFirst;
  }

  /**
   * Allocates a payment.
   *
   * @param balances the segment balances just before the payment
   * @param amount the payment
   * @param minimumPortion how much of the previous minimum payment is still unpaid before this
   *     payment; that much goes lowest APR first
   */
  public Allocation allocatePayment(SegmentAmounts balances, Money amount, Money minimumPortion) {
    Money toMinimum = amount.min(minimumPortion.max(Money.zero(amount.currency())));
    Allocation first =
        spread(balances, SegmentAmounts.zero(amount.currency()), toMinimum, lowestAprFirst);
    Money excess = amount.minus(toMinimum).plus(first.unapplied());
    return spread(balances, first.applied(), excess, highestAprFirst);
  }

  /** Allocates a merchant refund: purchase segment first, then highest APR first. */
  public Allocation allocateRefund(SegmentAmounts balances, Money amount) {
    Allocation first =
        spread(balances, SegmentAmounts.zero(amount.currency()), amount, List.of(Segment.PURCHASE));
    return spread(balances, first.applied(), first.unapplied(), highestAprFirst);
  }

  /** Allocates any other credit: highest APR first. */
  public Allocation allocateCredit(SegmentAmounts balances, Money amount) {
    return spread(balances, SegmentAmounts.zero(amount.currency()), amount, highestAprFirst);
  }

  private static Allocation spread(
      SegmentAmounts balances, SegmentAmounts alreadyApplied, Money amount, List<Segment> order) {
    SegmentAmounts applied = alreadyApplied;
    Money left = amount;
    for (Segment segment : order) {
      Money outstanding = balances.get(segment).minus(applied.get(segment));
      if (left.isPositive() && outstanding.isPositive()) {
        Money take = left.min(outstanding);
        applied = applied.add(segment, take);
        left = left.minus(take);
      }
    }
    return new Allocation(applied, left);
  }
}
