package io.meshdesk.ledger.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingCycleTest {

  @ParameterizedTest(name = "cycle day {0}, {1} -> {2}..{3}")
  @CsvSource({
    "15, 2025-05-20, 2025-05-16, 2025-06-15, 31",
    "15, 2025-05-15, 2025-04-16, 2025-05-15, 30",
    "28, 2025-01-31, 2025-01-29, 2025-02-28, 31",
    "28, 2024-02-29, 2024-02-29, 2024-03-28, 29",
    "28, 2025-03-01, 2025-03-01, 2025-03-28, 28",
    "1, 2024-12-31, 2024-12-02, 2025-01-01, 31",
    "1, 2024-02-15, 2024-02-02, 2024-03-01, 29",
    "1, 2025-02-15, 2025-02-02, 2025-03-01, 28",
    "1, 2025-03-01, 2025-02-02, 2025-03-01, 28",
    "1, 2025-03-02, 2025-03-02, 2025-04-01, 31"
  })
  void findsTheCycleContainingADateAcrossMonthEnds(
      int cycleDay, LocalDate date, LocalDate start, LocalDate closing, int days) {
    BillingCycle cycle = BillingCycle.containing(date, cycleDay);

    assertThat(cycle.start()).isEqualTo(start);
    assertThat(cycle.closingDate()).isEqualTo(closing);
    assertThat(cycle.days()).isEqualTo(days);
    assertThat(cycle.contains(date)).isTrue();
    assertThat(cycle.cycleDay()).isEqualTo(cycleDay);
    assertThat(cycle.dates().count()).isEqualTo(days);
  }

  @Test
  void leapDayOpensTheMarchCycleForCycleDay28() {
    BillingCycle february = BillingCycle.endingOn(LocalDate.of(2024, 2, 28));

    BillingCycle march = february.next();

    assertThat(february.start()).isEqualTo(LocalDate.of(2024, 1, 29));
    assertThat(march.start()).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(march.closingDate()).isEqualTo(LocalDate.of(2024, 3, 28));
    assertThat(march.previous()).isEqualTo(february);
  }

  @Test
  void consecutiveCyclesTileTheCalendarWithoutGapsForAYear() {
    for (int cycleDay = 1; cycleDay <= BillingCycle.MAX_CYCLE_DAY; cycleDay++) {
      BillingCycle cycle = BillingCycle.containing(LocalDate.of(2024, 1, 1), cycleDay);
      int totalDays = 0;
      for (int month = 0; month < 12; month++) {
        BillingCycle next = cycle.next();
        assertThat(next.start()).isEqualTo(cycle.closingDate().plusDays(1));
        assertThat(next.days()).isBetween(28, 31);
        totalDays += next.days();
        cycle = next;
      }
      assertThat(totalDays).as("cycle day %d", cycleDay).isIn(365, 366);
    }
  }

  @Test
  void rejectsCycleDaysAfterThe28th() {
    assertThatThrownBy(() -> BillingCycle.containing(LocalDate.of(2025, 1, 1), 29))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BillingCycle.containing(LocalDate.of(2025, 1, 1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsDatesThatAreNotOneMonthlyCycle() {
    assertThatThrownBy(() -> new BillingCycle(LocalDate.of(2025, 4, 15), LocalDate.of(2025, 5, 15)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
