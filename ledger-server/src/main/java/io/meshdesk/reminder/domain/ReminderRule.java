package io.meshdesk.reminder.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A standing instruction to remind a card's holder.
 *
 * @param id rule id
 * @param cardId card it watches
 * @param kind trigger
 * @param daysBefore for {@link ReminderKind#DAYS_BEFORE_DUE}, descending
 * @param utilizationThresholdBps for {@link ReminderKind#UTILIZATION_ABOVE}
 * @param channel e-mail or webhook
 * @param destination address or URL
 * @param quietHours window with nothing sent, if any
 * @param zone zone of quiet hours and of "days before"
 * @param signingSecret webhook HMAC key (null for e-mail)
 * @param createdAt creation time
 * @param createdBy creator's user id, if any
 */
public record ReminderRule(
    UUID id,
    UUID cardId,
    ReminderKind kind,
    List<Integer> daysBefore,
    int utilizationThresholdBps,
    Channel channel,
    String destination,
    Optional<QuietHours> quietHours,
    ZoneId zone,
    String signingSecret,
    Instant createdAt,
    UUID createdBy) {

  public ReminderRule {
    daysBefore = List.copyOf(daysBefore);
  }

  /** {@code t} moved past this rule's quiet hours, if it falls in them. */
  public Instant sendableAt(Instant t) {
    return quietHours.map(q -> q.nextAllowed(t)).orElse(t);
  }
}
