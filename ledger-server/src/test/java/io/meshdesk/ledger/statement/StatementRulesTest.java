package io.meshdesk.ledger.statement;

import static io.meshdesk.ledger.statement.ActivityKind.CASH_ADVANCE;
import static io.meshdesk.ledger.statement.ActivityKind.CREDIT;
import static io.meshdesk.ledger.statement.ActivityKind.FEE;
import static io.meshdesk.ledger.statement.ActivityKind.PAYMENT;
import static io.meshdesk.ledger.statement.ActivityKind.PURCHASE;
import static io.meshdesk.ledger.statement.ActivityKind.REFUND;
import static io.meshdesk.ledger.statement.Fixtures.MAY_2025;
import static io.meshdesk.ledger.statement.Fixtures.PREVIOUS_DUE;
import static io.meshdesk.ledger.statement.Fixtures.USD;
import static io.meshdesk.ledger.statement.Fixtures.close;
import static io.meshdesk.ledger.statement.Fixtures.line;
import static io.meshdesk.ledger.statement.Fixtures.previous;
import static io.meshdesk.ledger.statement.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementRulesTest {

  @Test
  void paymentInFullAfterTheDueDateLosesGraceAndIsLate() {
    Statement s =
        close(
            MAY_2025,
            previous("800.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-05-11", PAYMENT, "800.00"));

    assertThat(s.purchaseGraceApplied()).isFalse();
    assertThat(s.fees()).isEqualTo(usd("25.00"));
    // 24 days × 800.00 + 1 day × 825.00 (late fee on 05-10) + 5 days × 25.00 = 20,150.00;
    // × 0.05 % = 10.075, a tie that half-even rounds to 10.08
    assertThat(s.interest()).isEqualTo(usd("10.08"));
  }

  @Test
  void aPaymentMadeAfterTheDueDateAndReturnedCostsNoLateFee() {
    Statement s =
        close(
            MAY_2025,
            previous("100.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-05-02", PAYMENT, "25.00"),
            line("2025-05-12", PAYMENT, "75.00"),
            returned("2025-05-14", "75.00", "2025-05-12"));

    assertThat(s.fees()).isEqualTo(usd("0.00"));
    assertThat(s.paymentsAndCredits()).isEqualTo(usd("25.00"));
    assertThat(s.newBalance())
        .isEqualTo(s.previousBalance().minus(usd("25.00")).plus(s.interest()));
  }

  @Test
  void aPaymentOfTheEarlierCycleReturnedNowCountsAgainstThisCyclesMinimum() {
    Statement s =
        close(
            MAY_2025,
            previous("100.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-05-02", PAYMENT, "25.00"),
            returned("2025-04-20", "60.00", "2025-04-10"));

    assertThat(s.fees()).isEqualTo(usd("25.00"));
    assertThat(s.paymentsAndCredits()).isEqualTo(usd("-35.00"));
  }

  private static ActivityLine returned(String date, String amount, String paymentDate) {
    return new ActivityLine(
        LocalDate.parse(date),
        ActivityKind.PAYMENT_REVERSAL,
        usd(amount),
        "returned",
        LocalDate.parse(paymentDate));
  }

  @Test
  void refundsAndCreditsCountTowardPayingInFullButNotTowardTheMinimum() {
    Statement s =
        close(
            MAY_2025,
            previous("100.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-04-20", REFUND, "60.00"),
            line("2025-05-02", CREDIT, "40.00"));

    assertThat(s.purchaseGraceApplied()).isTrue();
    assertThat(s.interest()).isEqualTo(usd("0.00"));
    assertThat(s.fees()).isEqualTo(usd("25.00"));
    assertThat(s.newBalance()).isEqualTo(usd("25.00"));
  }

  @Test
  void cashAdvanceAccruesInterestFromItsPostingDateEvenUnderGrace() {
    Statement s =
        close(
            MAY_2025,
            PreviousStatement.none(USD),
            line("2025-04-16", PURCHASE, "1000.00"),
            line("2025-05-06", CASH_ADVANCE, "500.00"));

    assertThat(s.purchaseGraceApplied()).isTrue();
    // 10 days (05-06 .. 05-15) × 500.00 × 0.08 % = 4.00
    assertThat(s.interestCharged()).isEqualTo(new SegmentAmounts(usd("0.00"), usd("4.00")));
  }

  @Test
  void creditBalancePaysCashInterestPostedAtClosing() {
    Statement s =
        close(
            MAY_2025,
            previous("0.00", "300.00", "25.00", PREVIOUS_DUE),
            line("2025-05-06", PAYMENT, "400.00"));

    // 20 days (04-16 .. 05-05) × 300.00 × 0.08 % = 4.80, paid from the 100.00 overpayment
    assertThat(s.interestCharged()).isEqualTo(new SegmentAmounts(usd("0.00"), usd("4.80")));
    assertThat(s.closingBalances()).isEqualTo(new SegmentAmounts(usd("-95.20"), usd("0.00")));
    assertThat(s.newBalance()).isEqualTo(usd("-95.20"));
    assertThat(s.minimumPayment()).isEqualTo(usd("0.00"));
  }

  @Test
  void lateFeeIsTheProductFeeWhenTheMinimumIsLarger() {
    Statement s =
        close(
            MAY_2025,
            previous("5000.00", "0.00", "150.00", PREVIOUS_DUE),
            line("2025-05-09", PAYMENT, "149.99"));

    assertThat(s.fees()).isEqualTo(usd("40.00"));
  }

  @Test
  void minimumPaidAcrossSeveralPaymentsByTheDueDateIsNotLate() {
    Statement s =
        close(
            MAY_2025,
            previous("5000.00", "0.00", "150.00", PREVIOUS_DUE),
            line("2025-04-20", PAYMENT, "100.00"),
            line("2025-05-10", PAYMENT, "50.00"),
            line("2025-05-11", PAYMENT, "1000.00"));

    assertThat(s.fees()).isEqualTo(usd("0.00"));
  }

  @Test
  void noLateFeeWhenNothingWasDue() {
    Statement s = close(MAY_2025, previous("-10.00", "0.00", "0.00", PREVIOUS_DUE));

    assertThat(s.fees()).isEqualTo(usd("0.00"));
    assertThat(s.lines()).isEmpty();
  }

  @Test
  void minimumPaymentPortionGoesToLowestAprAcrossTheCycle() {
    Statement s =
        close(
            MAY_2025,
            previous("500.00", "300.00", "40.00", PREVIOUS_DUE),
            line("2025-04-20", PAYMENT, "30.00"),
            line("2025-04-25", PAYMENT, "50.00"));

    // 30.00 + 10.00 of the minimum go to purchases, the other 40.00 to cash advances
    assertThat(s.closingBalances().purchase().minus(s.interestCharged().purchase()))
        .isEqualTo(usd("460.00"));
    assertThat(s.closingBalances().cashAdvance().minus(s.interestCharged().cashAdvance()))
        .isEqualTo(usd("260.00"));
  }

  @Test
  void minimumPaymentNeverExceedsTheNewBalance() {
    Statement s =
        close(
            MAY_2025,
            previous("30.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-05-01", PAYMENT, "25.00"),
            line("2025-05-02", REFUND, "4.00"));

    // 29.00 of 30.00 paid: grace lost; (15 × 30.00 + 1 × 5.00 + 14 × 1.00) × 0.05 % = 0.2345 ->
    // 0.23
    assertThat(s.newBalance()).isEqualTo(usd("1.23"));
    assertThat(s.minimumPayment()).isEqualTo(usd("1.23"));
  }

  @Test
  void customMinimumRuleUsesItsFloorAndPercent() {
    MinimumPaymentRule rule = new MinimumPaymentRule(usd("10.00"), 300);

    assertThat(rule.minimumFor(usd("1000.00"), usd("12.00"), usd("5.00"))).isEqualTo(usd("47.00"));
    assertThat(rule.minimumFor(usd("100.00"), usd("0.00"), usd("0.00"))).isEqualTo(usd("10.00"));
    assertThat(rule.minimumFor(usd("-100.00"), usd("0.00"), usd("0.00"))).isEqualTo(usd("0.00"));
  }

  @Test
  void statementSnapshotChainsIntoTheNextCycle() {
    Statement april =
        close(
            MAY_2025.previous(),
            PreviousStatement.none(USD),
            line("2025-03-20", PURCHASE, "400.00"));
    Statement may = close(MAY_2025, april.snapshot(), line("2025-05-10", PAYMENT, "400.00"));

    assertThat(april.dueDate()).isEqualTo(PREVIOUS_DUE);
    assertThat(may.previousBalance()).isEqualTo(usd("400.00"));
    assertThat(may.purchaseGraceApplied()).isTrue();
    assertThat(may.newBalance()).isEqualTo(usd("0.00"));
    assertThat(may.minimumPayment()).isEqualTo(usd("0.00"));
  }

  @Test
  void linesAreOrderedByDateWithInterestOnTheClosingDate() {
    Statement s =
        close(
            MAY_2025,
            previous("100.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-05-03", FEE, "5.00"),
            line("2025-04-17", PURCHASE, "10.00"));

    assertThat(s.lines()).extracting(ActivityLine::postedOn).isSorted();
    assertThat(s.lines())
        .last()
        .extracting(ActivityLine::postedOn)
        .isEqualTo(MAY_2025.closingDate());
  }

  @Test
  void rejectsActivityOutsideTheCycle() {
    assertThatThrownBy(
            () ->
                new StatementInput(
                    MAY_2025,
                    PreviousStatement.none(USD),
                    List.of(line("2025-05-16", PURCHASE, "1.00"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAPreviousDueDateOutsideTheCycle() {
    assertThatThrownBy(
            () ->
                new StatementInput(
                    MAY_2025,
                    previous("1.00", "0.00", "1.00", LocalDate.of(2025, 5, 20)),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsActivityInAnotherCurrency() {
    ActivityLine euros =
        new ActivityLine(LocalDate.of(2025, 5, 1), PURCHASE, Money.ofMinor(100, "EUR"), "eur");
    StatementInput input =
        new StatementInput(MAY_2025, PreviousStatement.none(USD), List.of(euros));

    assertThatThrownBy(() -> new StatementCalculator(Fixtures.TERMS).close(input))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsGraceDaysOutside21To28() {
    assertThatThrownBy(() -> ProductTerms.of(USD, 1000, 2000, 20, usd("40.00")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProductTerms.of(USD, 1000, 2000, 29, usd("40.00")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void currencyWithoutMinorUnitsUsesWholeUnits() {
    ProductTerms yen =
        ProductTerms.of(
            java.util.Currency.getInstance("JPY"), 1825, 2920, 25, Money.ofMinor(4000, "JPY"));
    PreviousStatement prev =
        new PreviousStatement(
            new SegmentAmounts(Money.ofMinor(100_000, "JPY"), Money.ofMinor(0, "JPY")),
            Money.ofMinor(2500, "JPY"),
            PREVIOUS_DUE);

    Statement s = new StatementCalculator(yen).close(new StatementInput(MAY_2025, prev, List.of()));

    // late fee min(4,000, 2,500) on 05-10; (24 × 100,000 + 6 × 102,500) × 0.05 % = 1,507.5 -> 1,508
    assertThat(s.interest()).isEqualTo(Money.ofMinor(1508, "JPY"));
    assertThat(s.minimumPayment().currency().getCurrencyCode()).isEqualTo("JPY");
  }
}
