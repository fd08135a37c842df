package io.meshdesk.ledger.statement;

import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * What the next cycle needs from the previous statement.
 *
 * @param balances closing balance per segment (negative purchase segment = credit balance)
 * @param minimumPayment minimum payment that statement asked for
 * @param dueDate its payment due date; {@code null} only for {@link #none}
 */
public record PreviousStatement(SegmentAmounts balances, Money minimumPayment, LocalDate dueDate) {

  /** Validates the snapshot. */
  public PreviousStatement {
    Objects.requireNonNull(balances, "balances");
    Objects.requireNonNull(minimumPayment, "minimumPayment");
    if (minimumPayment.isNegative()) {
      throw new IllegalArgumentException("minimum payment must not be negative");
    }
    if (dueDate == null && !(balances.total().isZero() && minimumPayment.isZero())) {
      throw new IllegalArgumentException("a previous statement with a balance needs a due date");
    }
  }

  /** The snapshot before a card's first statement: nothing owed, nothing due. */
  public static PreviousStatement none(Currency currency) {
    return new PreviousStatement(SegmentAmounts.zero(currency), Money.zero(currency), null);
  }

  /** The previous statement's new balance. */
  public Money balance() {
    return balances.total();
  }

  /** The due date, empty before the first statement. */
  public Optional<LocalDate> due() {
    return Optional.ofNullable(dueDate);
  }
}
