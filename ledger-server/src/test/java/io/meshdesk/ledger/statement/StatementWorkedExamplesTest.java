package io.meshdesk.ledger.statement;

import static io.meshdesk.ledger.statement.ActivityKind.CASH_ADVANCE;
import static io.meshdesk.ledger.statement.ActivityKind.FEE;
import static io.meshdesk.ledger.statement.ActivityKind.FEE_REVERSAL;
import static io.meshdesk.ledger.statement.ActivityKind.INTEREST;
import static io.meshdesk.ledger.statement.ActivityKind.PAYMENT;
import static io.meshdesk.ledger.statement.ActivityKind.PAYMENT_REVERSAL;
import static io.meshdesk.ledger.statement.ActivityKind.PURCHASE;
import static io.meshdesk.ledger.statement.Fixtures.MAY_2025;
import static io.meshdesk.ledger.statement.Fixtures.PREVIOUS_DUE;
import static io.meshdesk.ledger.statement.Fixtures.USD;
import static io.meshdesk.ledger.statement.Fixtures.close;
import static io.meshdesk.ledger.statement.Fixtures.line;
import static io.meshdesk.ledger.statement.Fixtures.previous;
import static io.meshdesk.ledger.statement.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/ledger-statements.md, to the cent. */
class StatementWorkedExamplesTest {

  private static final LocalDate DUE = LocalDate.of(2025, 6, 9);

  @Test
  void example1GraceLostChargesInterestPerSegmentAfterAllocatingThePayment() {
    Statement s =
        close(
            MAY_2025,
            previous("1000.00", "200.00", "40.00", PREVIOUS_DUE),
            line("2025-04-20", PURCHASE, "300.00"),
            line("2025-05-01", PAYMENT, "240.00"),
            line("2025-05-05", CASH_ADVANCE, "100.00"),
            line("2025-05-05", FEE, "5.00"));

    assertThat(s.purchaseGraceApplied()).isFalse();
    assertThat(s.averageDailyBalances())
        .isEqualTo(new SegmentAmounts(usd("1241.83"), usd("136.67")));
    assertThat(s.interestCharged()).isEqualTo(new SegmentAmounts(usd("18.63"), usd("3.28")));
    assertThat(s.previousBalance()).isEqualTo(usd("1200.00"));
    assertThat(s.paymentsAndCredits()).isEqualTo(usd("240.00"));
    assertThat(s.purchases()).isEqualTo(usd("300.00"));
    assertThat(s.cashAdvances()).isEqualTo(usd("100.00"));
    assertThat(s.fees()).isEqualTo(usd("5.00"));
    assertThat(s.interest()).isEqualTo(usd("21.91"));
    assertThat(s.newBalance()).isEqualTo(usd("1386.91"));
    assertThat(s.closingBalances()).isEqualTo(new SegmentAmounts(usd("1283.63"), usd("103.28")));
    assertThat(s.minimumPayment()).isEqualTo(usd("40.78"));
    assertThat(s.dueDate()).isEqualTo(DUE);
    assertThat(s.periodStart()).isEqualTo(LocalDate.of(2025, 4, 16));
    assertThat(s.periodEnd()).isEqualTo(LocalDate.of(2025, 5, 15));
    assertThat(s.lines())
        .extracting(ActivityLine::kind)
        .containsExactly(PURCHASE, PAYMENT, CASH_ADVANCE, FEE, INTEREST, INTEREST);
  }

  @Test
  void example2GraceHonouredChargesNoPurchaseInterestButStillCashInterest() {
    Statement s =
        close(
            MAY_2025,
            previous("800.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-04-18", PURCHASE, "150.00"),
            line("2025-05-08", PAYMENT, "800.00"),
            line("2025-05-12", CASH_ADVANCE, "200.00"));

    assertThat(s.purchaseGraceApplied()).isTrue();
    assertThat(s.averageDailyBalances()).isEqualTo(new SegmentAmounts(usd("726.67"), usd("26.67")));
    assertThat(s.interestCharged()).isEqualTo(new SegmentAmounts(usd("0.00"), usd("0.64")));
    assertThat(s.paymentsAndCredits()).isEqualTo(usd("800.00"));
    assertThat(s.interest()).isEqualTo(usd("0.64"));
    assertThat(s.newBalance()).isEqualTo(usd("350.64"));
    assertThat(s.closingBalances()).isEqualTo(new SegmentAmounts(usd("150.00"), usd("200.64")));
    assertThat(s.minimumPayment()).isEqualTo(usd("25.00"));
    assertThat(s.dueDate()).isEqualTo(DUE);
  }

  @Test
  void example3OneCentShortOfPayingInFullLosesTheGracePeriod() {
    Statement s =
        close(
            MAY_2025,
            previous("800.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-04-18", PURCHASE, "150.00"),
            line("2025-05-08", PAYMENT, "799.99"),
            line("2025-05-12", CASH_ADVANCE, "200.00"));

    assertThat(s.purchaseGraceApplied()).isFalse();
    assertThat(s.averageDailyBalances().purchase()).isEqualTo(usd("726.67"));
    assertThat(s.interestCharged()).isEqualTo(new SegmentAmounts(usd("10.90"), usd("0.64")));
    assertThat(s.interest()).isEqualTo(usd("11.54"));
    assertThat(s.fees()).isEqualTo(usd("0.00"));
    assertThat(s.newBalance()).isEqualTo(usd("361.55"));
    assertThat(s.closingBalances()).isEqualTo(new SegmentAmounts(usd("160.91"), usd("200.64")));
    assertThat(s.minimumPayment()).isEqualTo(usd("25.00"));
  }

  @Test
  void example4LateFeeIsCappedAtTheMinimumDueAndInterestRoundsHalfEven() {
    Statement s = close(MAY_2025, previous("30.00", "0.00", "25.00", PREVIOUS_DUE));

    assertThat(s.fees()).isEqualTo(usd("25.00"));
    assertThat(s.lines())
        .first()
        .isEqualTo(new ActivityLine(PREVIOUS_DUE, FEE, usd("25.00"), "Late fee"));
    assertThat(s.purchaseGraceApplied()).isFalse();
    assertThat(s.averageDailyBalances().purchase()).isEqualTo(usd("35.00"));
    assertThat(s.interest()).isEqualTo(usd("0.52"));
    assertThat(s.newBalance()).isEqualTo(usd("55.52"));
    assertThat(s.minimumPayment()).isEqualTo(usd("26.08"));
    assertThat(s.dueDate()).isEqualTo(DUE);
  }

  @Test
  void example5MinimumPaymentIsCappedAtTheNewBalance() {
    Statement s =
        close(MAY_2025, PreviousStatement.none(USD), line("2025-05-01", PURCHASE, "12.00"));

    assertThat(s.purchaseGraceApplied()).isTrue();
    assertThat(s.interest()).isEqualTo(usd("0.00"));
    assertThat(s.newBalance()).isEqualTo(usd("12.00"));
    assertThat(s.minimumPayment()).isEqualTo(usd("12.00"));
  }

  @Test
  void example6CreditBalanceAccruesNoInterestAndAsksNoMinimum() {
    Statement s =
        close(
            MAY_2025,
            previous("-50.00", "0.00", "0.00", PREVIOUS_DUE),
            line("2025-05-01", PURCHASE, "20.00"),
            line("2025-05-03", CASH_ADVANCE, "10.00"));

    assertThat(s.previousBalance()).isEqualTo(usd("-50.00"));
    assertThat(s.averageDailyBalances()).isEqualTo(SegmentAmounts.zero(USD));
    assertThat(s.interest()).isEqualTo(usd("0.00"));
    assertThat(s.fees()).isEqualTo(usd("0.00"));
    assertThat(s.newBalance()).isEqualTo(usd("-20.00"));
    assertThat(s.closingBalances()).isEqualTo(new SegmentAmounts(usd("-20.00"), usd("0.00")));
    assertThat(s.minimumPayment()).isEqualTo(usd("0.00"));
  }

  @Test
  void example7ZeroActivityCycleIsAllZeros() {
    Statement s = close(MAY_2025, PreviousStatement.none(USD));

    Money zero = usd("0.00");
    assertThat(s.previousBalance()).isEqualTo(zero);
    assertThat(s.paymentsAndCredits()).isEqualTo(zero);
    assertThat(s.purchases()).isEqualTo(zero);
    assertThat(s.cashAdvances()).isEqualTo(zero);
    assertThat(s.fees()).isEqualTo(zero);
    assertThat(s.interest()).isEqualTo(zero);
    assertThat(s.newBalance()).isEqualTo(zero);
    assertThat(s.minimumPayment()).isEqualTo(zero);
    assertThat(s.dueDate()).isEqualTo(DUE);
    assertThat(s.lines()).isEmpty();
  }

  @Test
  void example8LeapYearFebruaryHasOneMoreDayOfInterest() {
    Statement leap = closeFebruary(2024);
    Statement common = closeFebruary(2025);

    assertThat(leap.cycle().days()).isEqualTo(29);
    assertThat(leap.interest()).isEqualTo(usd("14.36"));
    assertThat(leap.newBalance()).isEqualTo(usd("989.36"));
    assertThat(leap.minimumPayment()).isEqualTo(usd("25.00"));
    assertThat(leap.dueDate()).isEqualTo(LocalDate.of(2024, 3, 26));

    assertThat(common.cycle().days()).isEqualTo(28);
    assertThat(common.interest()).isEqualTo(usd("13.88"));
    assertThat(common.newBalance()).isEqualTo(usd("988.88"));
    assertThat(common.minimumPayment()).isEqualTo(usd("25.00"));
    assertThat(common.dueDate()).isEqualTo(LocalDate.of(2025, 3, 26));
  }

  @Test
  void example9WaivedFeeIsACreditAndLeavesTheMinimum() {
    Statement s =
        close(
            MAY_2025,
            previous("1000.00", "0.00", "40.00", PREVIOUS_DUE),
            line("2025-04-20", FEE, "35.00"),
            line("2025-04-25", FEE_REVERSAL, "35.00"),
            line("2025-05-01", PAYMENT, "40.00"));

    assertThat(s.purchaseGraceApplied()).isFalse();
    assertThat(s.averageDailyBalances().purchase()).isEqualTo(usd("985.83"));
    assertThat(s.paymentsAndCredits()).isEqualTo(usd("75.00"));
    assertThat(s.fees()).isEqualTo(usd("35.00"));
    assertThat(s.interest()).isEqualTo(usd("14.79"));
    assertThat(s.newBalance()).isEqualTo(usd("974.79"));
    assertThat(s.closingBalances()).isEqualTo(new SegmentAmounts(usd("974.79"), usd("0.00")));
    // 9.75 + 14.79 interest, the waived fee not asked again: 24.54, so the 25.00 floor
    assertThat(s.minimumPayment()).isEqualTo(usd("25.00"));
    assertThat(s.lines())
        .extracting(ActivityLine::kind)
        .containsExactly(FEE, FEE_REVERSAL, PAYMENT, INTEREST);
  }

  @Test
  void example10ReturnedPaymentDoesNotPayTheMinimumSoTheLateFeeAndPurchaseInterestFollow() {
    Statement s =
        close(
            MAY_2025,
            previous("500.00", "0.00", "25.00", PREVIOUS_DUE),
            line("2025-05-01", PAYMENT, "500.00"),
            new ActivityLine(
                LocalDate.parse("2025-05-12"),
                PAYMENT_REVERSAL,
                usd("500.00"),
                "returned",
                LocalDate.parse("2025-05-01")));

    assertThat(s.purchaseGraceApplied()).isFalse();
    assertThat(s.fees()).isEqualTo(usd("25.00"));
    assertThat(s.averageDailyBalances().purchase()).isEqualTo(usd("321.67"));
    assertThat(s.interest()).isEqualTo(usd("4.82"));
    assertThat(s.paymentsAndCredits()).isEqualTo(usd("0.00"));
    assertThat(s.newBalance()).isEqualTo(usd("529.82"));
    assertThat(s.closingBalances()).isEqualTo(new SegmentAmounts(usd("529.82"), usd("0.00")));
    assertThat(s.minimumPayment()).isEqualTo(usd("35.12"));
    assertThat(s.lines())
        .extracting(ActivityLine::kind)
        .containsExactly(PAYMENT, FEE, PAYMENT_REVERSAL, INTEREST);
    assertThat(s.lines())
        .filteredOn(l -> l.kind() == FEE)
        .extracting(ActivityLine::postedOn)
        .containsExactly(PREVIOUS_DUE);
  }

  private static Statement closeFebruary(int year) {
    BillingCycle cycle = BillingCycle.endingOn(LocalDate.of(year, 3, 1));
    Statement s =
        close(
            cycle,
            previous("1000.00", "0.00", "25.00", LocalDate.of(year, 2, 26)),
            line(year + "-02-20", PAYMENT, "25.00"));
    assertThat(s.fees()).isEqualTo(usd("0.00"));
    assertThat(s.purchaseGraceApplied()).isFalse();
    return s;
  }
}
