package io.meshdesk.ledger.statement;

/**
 * Running segment balances through one cycle, and the sums of their end-of-day balances. Mutable
 * and confined to one {@link StatementCalculator#close} call.
 */
final class SegmentLedger {

  private final PaymentAllocator allocator;
  private final Money minimumDue;
  private SegmentAmounts balances;
  private SegmentAmounts dailySums;
  private Money paymentsSoFar;

  SegmentLedger(PaymentAllocator allocator, PreviousStatement previous) {
    this.allocator = allocator;
    this.minimumDue = previous.minimumPayment();
    this.balances = previous.balances();
    this.dailySums = SegmentAmounts.zero(balances.currency());
    this.paymentsSoFar = Money.zero(balances.currency());
  }

  /** Applies one line to the balances. */
  void post(ActivityLine line) {
    Money amount = line.amount();
    switch (line.kind()) {
      case PAYMENT -> {
        Money unpaidMinimum = minimumDue.minus(paymentsSoFar);
        balances = allocator.allocatePayment(balances, amount, unpaidMinimum).applyTo(balances);
        paymentsSoFar = paymentsSoFar.plus(amount);
      }
      case REFUND -> balances = allocator.allocateRefund(balances, amount).applyTo(balances);
      case CREDIT -> balances = allocator.allocateCredit(balances, amount).applyTo(balances);
      case FEE_REVERSAL, INTEREST_REVERSAL ->
          balances = allocator.allocateRefund(balances, amount).applyTo(balances);
      case PAYMENT_REVERSAL -> {
        // The returned money never arrived: later payments cover the minimum first again.
        paymentsSoFar = paymentsSoFar.minus(amount).max(Money.zero(amount.currency()));
        charge(Segment.PURCHASE, amount);
      }
      default -> charge(line.kind().chargedSegment().orElseThrow(), amount);
    }
  }

  /** Adds a charge to a segment; a credit balance pays for it first. */
  void charge(Segment segment, Money amount) {
    balances = balances.add(segment, amount);
    absorbCreditBalance();
  }

  /** Adds the day's closing balances to the sums; a credit balance counts as zero. */
  void endOfDay() {
    Money zero = Money.zero(balances.currency());
    dailySums =
        new SegmentAmounts(
            dailySums.purchase().plus(balances.purchase().max(zero)),
            dailySums.cashAdvance().plus(balances.cashAdvance().max(zero)));
  }

  SegmentAmounts balances() {
    return balances;
  }

  SegmentAmounts dailySums() {
    return dailySums;
  }

  // A credit balance (held in the purchase segment) pays down a new cash advance or cash interest
  // at once, so no interest accrues on money the cardholder had already prepaid.
  private void absorbCreditBalance() {
    Money credit = balances.purchase().negate();
    Money cash = balances.cashAdvance();
    if (credit.isPositive() && cash.isPositive()) {
      Money netted = credit.min(cash);
      balances = new SegmentAmounts(balances.purchase().plus(netted), cash.minus(netted));
    }
  }
}
