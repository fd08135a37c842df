package io.meshdesk.ledger.statement;

import static io.meshdesk.ledger.statement.Fixtures.TERMS;
import static io.meshdesk.ledger.statement.Fixtures.USD;
import static io.meshdesk.ledger.statement.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentAllocatorTest {

  private final PaymentAllocator allocator =
      new PaymentAllocator(TERMS); // purchase 18.25 %, cash 29.20 %
  private final SegmentAmounts owed = new SegmentAmounts(usd("500.00"), usd("300.00"));

  @Test
  void minimumPortionGoesToLowestAprAndExcessToHighestApr() {
    Allocation a = allocator.allocatePayment(owed, usd("100.00"), usd("30.00"));

    assertThat(a.applied()).isEqualTo(new SegmentAmounts(usd("30.00"), usd("70.00")));
    assertThat(a.unapplied()).isEqualTo(usd("0.00"));
    assertThat(a.applyTo(owed)).isEqualTo(new SegmentAmounts(usd("470.00"), usd("230.00")));
  }

  @Test
  void paymentWithNoMinimumLeftGoesEntirelyToHighestApr() {
    Allocation a = allocator.allocatePayment(owed, usd("100.00"), usd("0.00"));

    assertThat(a.applied()).isEqualTo(new SegmentAmounts(usd("0.00"), usd("100.00")));
  }

  @Test
  void excessSpillsToTheNextSegmentOnceTheHighestAprIsPaidOff() {
    Allocation a = allocator.allocatePayment(owed, usd("400.00"), usd("25.00"));

    assertThat(a.applied()).isEqualTo(new SegmentAmounts(usd("100.00"), usd("300.00")));
  }

  @Test
  void minimumPortionSpillsToHigherAprWhenTheLowestAprBalanceIsSmaller() {
    SegmentAmounts balances = new SegmentAmounts(usd("10.00"), usd("300.00"));

    Allocation a = allocator.allocatePayment(balances, usd("40.00"), usd("40.00"));

    assertThat(a.applied()).isEqualTo(new SegmentAmounts(usd("10.00"), usd("30.00")));
  }

  @Test
  void overpaymentBecomesACreditBalanceInThePurchaseSegment() {
    Allocation a = allocator.allocatePayment(owed, usd("900.00"), usd("25.00"));

    assertThat(a.unapplied()).isEqualTo(usd("100.00"));
    assertThat(a.applyTo(owed)).isEqualTo(new SegmentAmounts(usd("-100.00"), usd("0.00")));
  }

  @Test
  void refundReducesPurchasesFirstAndCreditReducesHighestAprFirst() {
    assertThat(allocator.allocateRefund(owed, usd("50.00")).applied())
        .isEqualTo(new SegmentAmounts(usd("50.00"), usd("0.00")));
    assertThat(allocator.allocateRefund(owed, usd("600.00")).applied())
        .isEqualTo(new SegmentAmounts(usd("500.00"), usd("100.00")));
    assertThat(allocator.allocateCredit(owed, usd("50.00")).applied())
        .isEqualTo(new SegmentAmounts(usd("0.00"), usd("50.00")));
  }

  @Test
  void orderFollowsTheAprsNotTheSegmentNames() {
    ProductTerms cheapCash = ProductTerms.of(USD, 2500, 900, 25, usd("40.00"));
    PaymentAllocator allocator = new PaymentAllocator(cheapCash);

    Allocation a = allocator.allocatePayment(owed, usd("100.00"), usd("30.00"));

    assertThat(allocator.highestAprFirst()).containsExactly(Segment.PURCHASE, Segment.CASH_ADVANCE);
    assertThat(a.applied()).isEqualTo(new SegmentAmounts(usd("70.00"), usd("30.00")));
  }

  @Test
  void equalAprsTakePurchasesFirstForTheMinimumAndCashFirstForTheExcess() {
    PaymentAllocator allocator =
        new PaymentAllocator(ProductTerms.of(USD, 2000, 2000, 25, usd("40.00")));

    assertThat(allocator.lowestAprFirst()).containsExactly(Segment.PURCHASE, Segment.CASH_ADVANCE);
    assertThat(allocator.highestAprFirst()).containsExactly(Segment.CASH_ADVANCE, Segment.PURCHASE);
  }
}
