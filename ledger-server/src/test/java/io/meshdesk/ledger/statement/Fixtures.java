package io.meshdesk.ledger.statement;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/** Shared test data: the product and cycle of the worked examples in docs/ledger-statements.md. */
final class Fixtures {

  static final Currency USD = Currency.getInstance("USD");

  /**
   * 18.25 % purchase APR (0.05 % a day), 29.20 % cash APR (0.08 % a day), 25 grace days, fee 40.00.
   */
  static final ProductTerms TERMS = ProductTerms.of(USD, 1825, 2920, 25, usd("40.00"));

  /** Cycle day 15: 2025-04-16 to 2025-05-15, 30 days. */
  static final BillingCycle MAY_2025 = BillingCycle.endingOn(LocalDate.of(2025, 5, 15));

  /** The previous statement's due date: 2025-04-15 + 25 days. */
  static final LocalDate PREVIOUS_DUE = LocalDate.of(2025, 5, 10);

  private Fixtures() {}

  static Money usd(String amount) {
    return Money.parse(amount, USD);
  }

  static PreviousStatement previous(String purchase, String cash, String minimum, LocalDate due) {
    return new PreviousStatement(new SegmentAmounts(usd(purchase), usd(cash)), usd(minimum), due);
  }

  static ActivityLine line(String date, ActivityKind kind, String amount) {
    return new ActivityLine(LocalDate.parse(date), kind, usd(amount), kind.name().toLowerCase());
  }

  static Statement close(BillingCycle cycle, PreviousStatement previous, ActivityLine... lines) {
    return new StatementCalculator(TERMS)
        .close(new StatementInput(cycle, previous, List.of(lines)));
  }
}
