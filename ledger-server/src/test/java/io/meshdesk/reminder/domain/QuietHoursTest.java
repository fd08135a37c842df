package io.meshdesk.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void windowSpanningMidnightHoldsANightSendUntilMorning() {
    QuietHours q = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), NEW_YORK);

    // 23:00 EST on 10 Dec -> 08:00 EST on 11 Dec
    assertThat(q.nextAllowed(Instant.parse("2026-12-11T04:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-11T13:00:00Z"));
    // 06:00 EST -> 08:00 the same day
    assertThat(q.nextAllowed(Instant.parse("2026-12-11T11:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-11T13:00:00Z"));
  }

  @Test
  void sendOutsideTheWindowIsNotMoved() {
    QuietHours q = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), NEW_YORK);
    Instant noon = Instant.parse("2026-12-11T17:00:00Z");

    assertThat(q.contains(noon)).isFalse();
    assertThat(q.nextAllowed(noon)).isEqualTo(noon);
  }

  @Test
  void sameDayWindowEndIsExclusive() {
    QuietHours q = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));

    assertThat(q.contains(Instant.parse("2026-01-01T12:59:59Z"))).isTrue();
    assertThat(q.contains(Instant.parse("2026-01-01T13:00:00Z"))).isFalse();
  }

  @Test
  void windowEndingInsideTheSpringForwardGapEndsAtTheShiftedTime() {
    // 02:30 does not exist on 8 March 2026 in New York; the window ends at 03:30 EDT.
    QuietHours q = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30), NEW_YORK);

    assertThat(q.nextAllowed(Instant.parse("2026-03-08T05:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
  }
}
