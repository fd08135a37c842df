package io.meshdesk.ledger.statement;

import static io.meshdesk.ledger.statement.Fixtures.USD;
import static io.meshdesk.ledger.statement.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The edges of the statement terms: the extreme values a product and a billing cycle accept, and
 * the sign of activity lines.
 */
class StatementTermsBoundsTest {

  @Test
  void interestFreeProductIsAccepted() {
    ProductTerms terms = ProductTerms.of(USD, 0, 0, 25, usd("40.00"));

    assertThat(terms.aprBps(Segment.PURCHASE)).isZero();
    assertThat(terms.aprBps(Segment.CASH_ADVANCE)).isZero();
  }

  @Test
  void negativeAprIsRejected() {
    assertThatThrownBy(() -> ProductTerms.of(USD, -1, 0, 25, usd("40.00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("APR");
    assertThatThrownBy(() -> ProductTerms.of(USD, 0, -1, 25, usd("40.00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("APR");
  }

  @Test
  void minimumPaymentPercentMayBeZeroOrAllOfTheBalanceButNoMore() {
    MinimumPaymentRule none = new MinimumPaymentRule(usd("0"), 0);
    MinimumPaymentRule all = new MinimumPaymentRule(usd("0"), 10_000);

    assertThat(none.minimumFor(usd("500.00"), usd("0"), usd("0"))).isEqualTo(usd("0"));
    assertThat(all.minimumFor(usd("500.00"), usd("0"), usd("0"))).isEqualTo(usd("500.00"));
    assertThatThrownBy(() -> new MinimumPaymentRule(usd("0"), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MinimumPaymentRule(usd("0"), 10_001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cycleClosingAfterTheTwentyEighthIsRejected() {
    assertThatThrownBy(() -> new BillingCycle(LocalDate.of(2025, 4, 30), LocalDate.of(2025, 5, 29)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle day");
  }

  @Test
  void creditsReduceTheBalanceAndChargesAddToIt() {
    ActivityLine payment =
        new ActivityLine(LocalDate.of(2025, 5, 1), ActivityKind.PAYMENT, usd("10.00"), "payment");
    ActivityLine fee =
        new ActivityLine(LocalDate.of(2025, 5, 1), ActivityKind.FEE, usd("10.00"), "fee");

    assertThat(ActivityKind.PAYMENT.isCredit()).isTrue();
    assertThat(ActivityKind.FEE.isCredit()).isFalse();
    assertThat(payment.signedAmount()).isEqualTo(usd("-10.00"));
    assertThat(fee.signedAmount()).isEqualTo(usd("10.00"));
  }

  @Test
  void inputInAnotherCurrencyIsRejectedNamingTheProductCurrency() {
    ActivityLine euros =
        new ActivityLine(
            LocalDate.of(2025, 5, 1), ActivityKind.PURCHASE, Money.ofMinor(1_000, "EUR"), "eur");

    assertThatThrownBy(
            () ->
                Fixtures.close(
                    Fixtures.MAY_2025,
                    Fixtures.previous("0", "0", "0", Fixtures.PREVIOUS_DUE),
                    euros))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statement input must be in USD");
  }

  @Test
  void moneyPrintsItsCurrencyAndMajorUnits() {
    assertThat(usd("1386.91")).hasToString("USD 1386.91");
  }

  @Test
  void onlyZeroIsZero() {
    assertThat(usd("0").isZero()).isTrue();
    assertThat(usd("0.01").isZero()).isFalse();
    assertThat(usd("-0.01").isZero()).isFalse();
  }
}
