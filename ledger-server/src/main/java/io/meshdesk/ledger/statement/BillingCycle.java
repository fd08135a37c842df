package io.meshdesk.ledger.statement;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One billing cycle: from the day after the previous closing date through the closing date, both
 * inclusive. A card's cycle closes on the same day of every month, its cycle day (1..28, so every
 * month, February included, has it).
 *
 * @param start first day of the cycle (inclusive)
 * @param closingDate last day of the cycle (inclusive), the statement date
 */
public record BillingCycle(LocalDate start, LocalDate closingDate) {

  /** Highest allowed cycle day: the last day every month has. */
  public static final int MAX_CYCLE_DAY = 28;

  /** Validates that the dates form exactly one monthly cycle. */
  public BillingCycle {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(closingDate, "closingDate");
    requireCycleDay(closingDate.getDayOfMonth());
    if (!start.equals(closingDate.minusMonths(1).plusDays(1))) {
      throw new IllegalArgumentException(
          "cycle closing "
              + closingDate
              + " must start on "
              + closingDate.minusMonths(1).plusDays(1));
    }
  }

  /** The cycle that closes on {@code closingDate}. */
  public static BillingCycle endingOn(LocalDate closingDate) {
    return new BillingCycle(closingDate.minusMonths(1).plusDays(1), closingDate);
  }

  /** The cycle of a card with the given cycle day that contains {@code date}. */
  public static BillingCycle containing(LocalDate date, int cycleDay) {
    requireCycleDay(cycleDay);
    LocalDate closing = date.withDayOfMonth(cycleDay);
    return endingOn(date.getDayOfMonth() <= cycleDay ? closing : closing.plusMonths(1));
  }

  /** The day of the month this cycle closes on. */
  public int cycleDay() {
    return closingDate.getDayOfMonth();
  }

  /** The following cycle. */
  public BillingCycle next() {
    return endingOn(closingDate.plusMonths(1));
  }

  /** The preceding cycle. */
  public BillingCycle previous() {
    return endingOn(closingDate.minusMonths(1));
  }

  /** Number of days in the cycle, both ends included (28..31). */
  public int days() {
    return Math.toIntExact(ChronoUnit.DAYS.between(start, closingDate) + 1);
  }

  /** True when {@code date} falls in the cycle. */
  public boolean contains(LocalDate date) {
    return !date.isBefore(start) && !date.isAfter(closingDate);
  }

  /** Every day of the cycle in order. */
  public Stream<LocalDate> dates() {
    return start.datesUntil(closingDate.plusDays(1));
  }

  private static void requireCycleDay(int cycleDay) {
    if (cycleDay < 1 || cycleDay > MAX_CYCLE_DAY) {
      throw new IllegalArgumentException("cycle day must be 1.." + MAX_CYCLE_DAY + ": " + cycleDay);
    }
  }
}
