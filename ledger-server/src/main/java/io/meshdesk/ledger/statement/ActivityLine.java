package io.meshdesk.ledger.statement;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One dated line of card activity in a cycle, also used for the statement's transaction lines.
 *
 * @param postedOn the posting date; it counts in that day's end-of-day balance
 * @param kind what the line does; the kind decides the sign
 * @param amount strictly positive amount
 * @param description text shown on the statement
 * @param returnedPaymentDate for a {@link ActivityKind#PAYMENT_REVERSAL}, the posting date of the
 *     payment it returns (null when unknown: treated as paid by any due date); null for every other
 *     kind
 */
public record ActivityLine(
    LocalDate postedOn,
    ActivityKind kind,
    Money amount,
    String description,
    LocalDate returnedPaymentDate) {

  /** A line that returns no payment. */
  public ActivityLine(LocalDate postedOn, ActivityKind kind, Money amount, String description) {
    this(postedOn, kind, amount, description, null);
  }

  /** Validates the line. */
  public ActivityLine {
    Objects.requireNonNull(postedOn, "postedOn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(description, "description");
    if (!amount.isPositive()) {
      throw new IllegalArgumentException("activity amount must be positive: " + amount);
    }
  }

  /** The line's effect on the balance: positive for charges, negative for credits. */
  public Money signedAmount() {
    return kind.isCredit() ? amount.negate() : amount;
  }
}
