package io.meshdesk.ledger.statement;

import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A card product's statement terms.
 *
 * @param currency the product's ISO-4217 currency
 * @param purchaseAprBps purchase APR in basis points (1999 = 19.99 %)
 * @param cashAdvanceAprBps cash-advance APR in basis points
 * @param graceDays days from closing to due date, 21..28 (so the due date always falls in the next
 *     cycle, where payments by it can be checked)
 * @param minimumPayment the minimum payment rule
 * @param lateFee the late fee policy
 */
public record ProductTerms(
    Currency currency,
    int purchaseAprBps,
    int cashAdvanceAprBps,
    int graceDays,
    MinimumPaymentRule minimumPayment,
    LateFeePolicy lateFee) {

  /** Smallest allowed grace period (US CARD Act: statements mailed at least 21 days before due). */
  public static final int MIN_GRACE_DAYS = 21;

  /** Largest allowed grace period: the shortest cycle (February) has 28 days. */
  public static final int MAX_GRACE_DAYS = 28;

  /** Validates the terms. */
  public ProductTerms {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(minimumPayment, "minimumPayment");
    Objects.requireNonNull(lateFee, "lateFee");
    if (purchaseAprBps < 0 || cashAdvanceAprBps < 0) {
      throw new IllegalArgumentException("APRs must not be negative");
    }
    if (graceDays < MIN_GRACE_DAYS || graceDays > MAX_GRACE_DAYS) {
      throw new IllegalArgumentException(
          "grace days must be " + MIN_GRACE_DAYS + ".." + MAX_GRACE_DAYS + ": " + graceDays);
    }
    if (!minimumPayment.floor().currency().equals(currency)
        || !lateFee.amount().currency().equals(currency)) {
      throw new IllegalArgumentException("terms must use the product currency " + currency);
    }
  }

  /** Terms with the standard minimum payment rule. */
  public static ProductTerms of(
      Currency currency, int purchaseAprBps, int cashAdvanceAprBps, int graceDays, Money lateFee) {
    return new ProductTerms(
        currency,
        purchaseAprBps,
        cashAdvanceAprBps,
        graceDays,
        MinimumPaymentRule.standard(currency),
        new LateFeePolicy(lateFee));
  }

  /** The segment's APR in basis points. */
  public int aprBps(Segment segment) {
    return segment == Segment.PURCHASE ? purchaseAprBps : cashAdvanceAprBps;
  }

  /** The payment due date of a statement closing on {@code closingDate}. */
  public LocalDate dueDate(LocalDate closingDate) {
    return closingDate.plusDays(graceDays);
  }
}
