package io.meshdesk.ledger.statement;

import java.util.List;
import java.util.Objects;

/**
 * Everything one statement is computed from.
 *
 * @param cycle the cycle being closed
 * @param previous the previous statement's snapshot; its due date must fall in this cycle
 * @param activity the cycle's posted lines, each dated within the cycle, in posting order
 */
public record StatementInput(
    BillingCycle cycle, PreviousStatement previous, List<ActivityLine> activity) {

  /** Validates dates and copies the activity. */
  public StatementInput {
    Objects.requireNonNull(cycle, "cycle");
    Objects.requireNonNull(previous, "previous");
    activity = List.copyOf(activity);
    for (ActivityLine line : activity) {
      if (!cycle.contains(line.postedOn())) {
        throw new IllegalArgumentException(
            "line dated " + line.postedOn() + " is outside " + cycle);
      }
    }
    previous
        .due()
        .ifPresent(
            due -> {
              if (!cycle.contains(due)) {
                throw new IllegalArgumentException(
                    "previous due date " + due + " is outside " + cycle);
              }
            });
  }
}
