package io.meshdesk.ledger.statement;

import java.util.Optional;

/** What a dated activity line does to the balance. Amounts on lines are always positive. */
public enum ActivityKind {
  /** A purchase; adds to the purchase segment. */
  PURCHASE(Segment.PURCHASE),
  /** A cash advance; adds to the cash-advance segment. */
  CASH_ADVANCE(Segment.CASH_ADVANCE),
  /** A fee (late, annual, cash-advance fee…); adds to the purchase segment. */
  FEE(Segment.PURCHASE),
  /** Interest posted during the cycle (e.g. a correction); adds to the purchase segment. */
  INTEREST(Segment.PURCHASE),
  /**
   * A payment by the cardholder; counts toward the minimum due and is allocated across segments.
   */
  PAYMENT(null),
  /** A merchant refund; reduces the purchase segment first. */
  REFUND(null),
  /** Any other credit (dispute, goodwill); reduces the highest-APR segment first. */
  CREDIT(null),
  /** A fee reversed (waived); a credit to the purchase segment first, where fees sit. */
  FEE_REVERSAL(null),
  /** Interest reversed (corrected); a credit to the purchase segment first, where interest sits. */
  INTEREST_REVERSAL(null),
  /**
   * A payment returned unpaid: adds the amount back to the purchase segment, and the returned
   * payment no longer counts as paid (see {@link ActivityLine#returnedPaymentDate()}).
   */
  PAYMENT_REVERSAL(Segment.PURCHASE);

  private final Segment chargedTo;

  ActivityKind(Segment chargedTo) {
    this.chargedTo = chargedTo;
  }

  /**
   * True for payments, refunds, credits and fee and interest reversals, which reduce the balance.
   */
  public boolean isCredit() {
    return chargedTo == null;
  }

  /** The segment a charge adds to; empty for credits. */
  public Optional<Segment> chargedSegment() {
    return Optional.ofNullable(chargedTo);
  }
}
