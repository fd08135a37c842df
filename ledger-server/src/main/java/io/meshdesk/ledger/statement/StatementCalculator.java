package io.meshdesk.ledger.statement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Closes a billing cycle into a {@link Statement} under a product's terms: late fee, payment
 * allocation, per-segment average-daily-balance interest with the purchase grace period, minimum
 * payment and due date. Pure and deterministic: dates come from the input, never from a clock.
 */
public final class StatementCalculator {

  private static final Set<ActivityKind> CREDITS =
      EnumSet.of(
          ActivityKind.PAYMENT,
          ActivityKind.REFUND,
          ActivityKind.CREDIT,
          ActivityKind.FEE_REVERSAL,
          ActivityKind.INTEREST_REVERSAL);

  private final ProductTerms terms;
  private final PaymentAllocator allocator;

  /** A calculator for one product's terms. */
  public StatementCalculator(ProductTerms terms) {
    this.terms = terms;
    this.allocator = new PaymentAllocator(terms);
  }

  /** Computes the statement for the input's cycle. */
  public Statement close(StatementInput input) {
    BillingCycle cycle = input.cycle();
    PreviousStatement previous = input.previous();
    requireCurrency(input);
    Money zero = Money.zero(terms.currency());

    List<ActivityLine> lines = new ArrayList<>(input.activity());
    Money lateFee = lateFee(input);
    if (lateFee.isPositive()) {
      lines.add(new ActivityLine(previous.dueDate(), ActivityKind.FEE, lateFee, "Late fee"));
    }
    lines.sort(Comparator.comparing(ActivityLine::postedOn)); // stable: posting order within a day

    SegmentLedger ledger = new SegmentLedger(allocator, previous);
    int next = 0;
    for (LocalDate day : cycle.dates().toList()) {
      while (next < lines.size() && lines.get(next).postedOn().equals(day)) {
        ledger.post(lines.get(next++));
      }
      ledger.endOfDay();
    }

    boolean grace = purchaseGraceApplies(input);
    SegmentAmounts sums = ledger.dailySums();
    Money purchaseInterest =
        grace ? zero : DailyBalanceInterest.interest(sums.purchase(), terms.purchaseAprBps());
    Money cashInterest =
        DailyBalanceInterest.interest(sums.cashAdvance(), terms.cashAdvanceAprBps());
    SegmentAmounts interestCharged = new SegmentAmounts(purchaseInterest, cashInterest);
    addInterestLine(lines, cycle.closingDate(), purchaseInterest, "Interest on purchases");
    addInterestLine(lines, cycle.closingDate(), cashInterest, "Interest on cash advances");
    ledger.charge(Segment.PURCHASE, purchaseInterest);
    ledger.charge(Segment.CASH_ADVANCE, cashInterest);
    SegmentAmounts closing = ledger.balances();

    Money paymentsAndCredits =
        sum(lines, CREDITS).minus(sum(lines, EnumSet.of(ActivityKind.PAYMENT_REVERSAL)));
    Money purchases = sum(lines, EnumSet.of(ActivityKind.PURCHASE));
    Money cashAdvances = sum(lines, EnumSet.of(ActivityKind.CASH_ADVANCE));
    Money fees = sum(lines, EnumSet.of(ActivityKind.FEE));
    Money interest = sum(lines, EnumSet.of(ActivityKind.INTEREST));
    Money newBalance =
        previous
            .balance()
            .plus(purchases)
            .plus(cashAdvances)
            .plus(fees)
            .plus(interest)
            .minus(paymentsAndCredits);
    if (!newBalance.equals(closing.total())) {
      throw new IllegalStateException("segments " + closing + " do not add up to " + newBalance);
    }
    int days = cycle.days();
    // A waived fee or corrected interest is not asked for again in the minimum payment.
    Money netFees = fees.minus(sum(lines, EnumSet.of(ActivityKind.FEE_REVERSAL))).max(zero);
    Money netInterest =
        interest.minus(sum(lines, EnumSet.of(ActivityKind.INTEREST_REVERSAL))).max(zero);
    return new Statement(
        cycle,
        previous.balance(),
        paymentsAndCredits,
        purchases,
        cashAdvances,
        fees,
        interest,
        newBalance,
        terms.minimumPayment().minimumFor(newBalance, netInterest, netFees),
        terms.dueDate(cycle.closingDate()),
        closing,
        new SegmentAmounts(
            DailyBalanceInterest.averageDailyBalance(sums.purchase(), days),
            DailyBalanceInterest.averageDailyBalance(sums.cashAdvance(), days)),
        interestCharged,
        grace,
        lines);
  }

  /**
   * True when purchases accrue no interest this cycle: the previous balance was not positive, or
   * payments and credits dated by its due date, less returned payments, covered it in full. Only
   * this cycle's daily balances are ever charged, so there is no double-cycle billing.
   */
  private boolean purchaseGraceApplies(StatementInput input) {
    PreviousStatement previous = input.previous();
    if (!previous.balance().isPositive()) {
      return true;
    }
    Money paid = sumBy(input.activity(), CREDITS, previous.dueDate()).minus(returnedByDue(input));
    return paid.compareTo(previous.balance()) >= 0;
  }

  /**
   * Payments returned in this cycle that had been made by the previous due date (in this cycle or
   * an earlier one): a returned payment never counts as paid toward the minimum or the grace test,
   * whenever in the cycle it is returned.
   */
  private Money returnedByDue(StatementInput input) {
    Money total = Money.zero(terms.currency());
    LocalDate due = input.previous().dueDate();
    for (ActivityLine line : input.activity()) {
      if (line.kind() == ActivityKind.PAYMENT_REVERSAL
          && (line.returnedPaymentDate() == null
              || due == null
              || !line.returnedPaymentDate().isAfter(due))) {
        total = total.plus(line.amount());
      }
    }
    return total;
  }

  private Money lateFee(StatementInput input) {
    PreviousStatement previous = input.previous();
    if (previous.due().isEmpty()) {
      return Money.zero(terms.currency());
    }
    Money paid =
        sumBy(input.activity(), EnumSet.of(ActivityKind.PAYMENT), previous.dueDate())
            .minus(returnedByDue(input));
    return terms.lateFee().assess(previous.minimumPayment(), paid);
  }

  private static void addInterestLine(
      List<ActivityLine> lines, LocalDate date, Money amount, String text) {
    if (amount.isPositive()) {
      lines.add(new ActivityLine(date, ActivityKind.INTEREST, amount, text));
    }
  }

  private Money sum(List<ActivityLine> lines, Set<ActivityKind> kinds) {
    return sumBy(lines, kinds, LocalDate.MAX);
  }

  private Money sumBy(List<ActivityLine> lines, Set<ActivityKind> kinds, LocalDate until) {
    Money total = Money.zero(terms.currency());
    for (ActivityLine line : lines) {
      if (kinds.contains(line.kind()) && !line.postedOn().isAfter(until)) {
        total = total.plus(line.amount());
      }
    }
    return total;
  }

  private void requireCurrency(StatementInput input) {
    boolean mismatch =
        !input.previous().balances().currency().equals(terms.currency())
            || !input.previous().minimumPayment().currency().equals(terms.currency())
            || input.activity().stream()
                .anyMatch(l -> !l.amount().currency().equals(terms.currency()));
    if (mismatch) {
      throw new IllegalArgumentException("statement input must be in " + terms.currency());
    }
  }
}
