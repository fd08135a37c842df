package io.meshdesk.ledger.statement;

import static io.meshdesk.ledger.statement.Fixtures.USD;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Property-style checks over random activity with a fixed seed, chained over several cycles. */
class StatementInvariantsTest {

  private static final int SEQUENCES = 300;
  private static final int CYCLES_PER_SEQUENCE = 6;
  private static final ActivityKind[] KINDS = ActivityKind.values();

  private final Random random = new Random(20250515L);

  @Test
  void randomActivityKeepsTheStatementIdentitiesAndBounds() {
    int statements = 0;
    for (int sequence = 0; sequence < SEQUENCES; sequence++) {
      ProductTerms terms = randomTerms();
      StatementCalculator calculator = new StatementCalculator(terms);
      BillingCycle cycle =
          BillingCycle.containing(
              LocalDate.of(2023, 1, 1).plusDays(random.nextInt(3 * 365)), 1 + random.nextInt(28));
      PreviousStatement previous = PreviousStatement.none(USD);
      for (int c = 0; c < CYCLES_PER_SEQUENCE; c++) {
        StatementInput input = new StatementInput(cycle, previous, randomActivity(cycle));
        Statement s = calculator.close(input);
        assertInvariants(terms, input, s);
        previous = s.snapshot();
        cycle = cycle.next();
        statements++;
      }
    }
    assertThat(statements).isEqualTo(SEQUENCES * CYCLES_PER_SEQUENCE);
  }

  private void assertInvariants(ProductTerms terms, StatementInput input, Statement s) {
    Money zero = Money.zero(USD);
    String context = input.toString();

    assertThat(s.newBalance())
        .as(context)
        .isEqualTo(
            s.previousBalance()
                .plus(s.purchases())
                .plus(s.cashAdvances())
                .plus(s.fees())
                .plus(s.interest())
                .minus(s.paymentsAndCredits()));
    assertThat(s.closingBalances().total()).as(context).isEqualTo(s.newBalance());
    assertThat(s.minimumPayment()).as(context).isBetween(zero, s.newBalance().max(zero));
    if (s.newBalance().isPositive()) {
      assertThat(s.minimumPayment())
          .as(context)
          .isGreaterThanOrEqualTo(terms.minimumPayment().floor().min(s.newBalance()));
    }
    assertThat(s.interestCharged().purchase()).as(context).isGreaterThanOrEqualTo(zero);
    assertThat(s.interestCharged().cashAdvance()).as(context).isGreaterThanOrEqualTo(zero);
    if (s.purchaseGraceApplied()) {
      assertThat(s.interestCharged().purchase()).as(context).isEqualTo(zero);
    }
    assertThat(s.closingBalances().cashAdvance()).as(context).isGreaterThanOrEqualTo(zero);
    if (s.closingBalances().purchase().isNegative()) {
      assertThat(s.closingBalances().cashAdvance()).as(context).isEqualTo(zero);
    }
    Money lateFee = s.fees().minus(sum(input.activity(), EnumSet.of(ActivityKind.FEE)));
    assertThat(lateFee).as(context).isBetween(zero, input.previous().minimumPayment());
    assertThat(s.purchases()).isEqualTo(sum(s.lines(), EnumSet.of(ActivityKind.PURCHASE)));
    assertThat(s.paymentsAndCredits())
        .isEqualTo(
            sum(
                    s.lines(),
                    EnumSet.of(
                        ActivityKind.PAYMENT,
                        ActivityKind.REFUND,
                        ActivityKind.CREDIT,
                        ActivityKind.FEE_REVERSAL,
                        ActivityKind.INTEREST_REVERSAL))
                .minus(sum(s.lines(), EnumSet.of(ActivityKind.PAYMENT_REVERSAL))));
    assertThat(s.dueDate()).isEqualTo(s.periodEnd().plusDays(terms.graceDays()));
    assertThat(s.lines())
        .extracting(ActivityLine::postedOn)
        .isSorted()
        .allMatch(s.cycle()::contains);
  }

  private ProductTerms randomTerms() {
    return new ProductTerms(
        USD,
        random.nextInt(4000),
        random.nextInt(4000),
        21 + random.nextInt(8),
        new MinimumPaymentRule(Money.ofMinor(random.nextInt(5000), "USD"), random.nextInt(500)),
        new LateFeePolicy(Money.ofMinor(random.nextInt(5000), "USD")));
  }

  private List<ActivityLine> randomActivity(BillingCycle cycle) {
    List<ActivityLine> lines = new ArrayList<>();
    int count = random.nextInt(13);
    for (int i = 0; i < count; i++) {
      ActivityKind kind = KINDS[random.nextInt(KINDS.length)];
      long amount = 1 + (random.nextBoolean() ? random.nextInt(20_000) : random.nextInt(200_000));
      LocalDate date = cycle.start().plusDays(random.nextInt(cycle.days()));
      lines.add(new ActivityLine(date, kind, Money.ofMinor(amount, "USD"), kind.name()));
    }
    return lines;
  }

  private static Money sum(List<ActivityLine> lines, Set<ActivityKind> kinds) {
    Money total = Money.zero(USD);
    for (ActivityLine line : lines) {
      if (kinds.contains(line.kind())) {
        total = total.plus(line.amount());
      }
    }
    return total;
  }
}
