package io.meshdesk.reminder.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A daily window, in a time zone, in which nothing is sent. The end is exclusive and may be earlier
 * than the start, in which case the window spans midnight.
 *
 * @param start first quiet minute
 * @param end first minute after the window
 * @param zone zone the times are read in
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

  public QuietHours {
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours start and end must differ");
    }
  }

  /** Whether {@code t} falls in the window. */
  public boolean contains(Instant t) {
    LocalTime local = t.atZone(zone).toLocalTime();
    return start.isBefore(end)
        ? !local.isBefore(start) && local.isBefore(end)
        : !local.isBefore(start) || local.isBefore(end);
  }

  /** {@code t} itself when outside the window, else the end of the window it falls in. */
  public Instant nextAllowed(Instant t) {
    if (!contains(t)) {
      return t;
    }
    ZonedDateTime local = t.atZone(zone);
    ZonedDateTime end = local.toLocalDate().atTime(this.end).atZone(zone);
    if (!end.toInstant().isAfter(t)) {
      end = local.toLocalDate().plusDays(1).atTime(this.end).atZone(zone);
    }
    return end.toInstant();
  }
}
