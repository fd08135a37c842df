package io.meshdesk.reminder.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A reminder to schedule. Its natural key (rule, card, ref, kind, offset) makes scheduling it twice
 * a no-op.
 *
 * @param ruleId rule
 * @param cardId card
 * @param ref statement or payment it is about
 * @param kind trigger
 * @param offsetDays days-before offset, 0 for other kinds
 * @param channel channel of the rule
 * @param destination destination of the rule
 * @param content message content
 * @param dueAt when it is due
 * @param sendableAt first instant outside quiet hours at or after {@code dueAt}
 */
public record NewDelivery(
    UUID ruleId,
    UUID cardId,
    String ref,
    ReminderKind kind,
    int offsetDays,
    Channel channel,
    String destination,
    Delivery.Content content,
    Instant dueAt,
    Instant sendableAt) {

  /** The reminder a rule asks for, with its quiet hours applied. */
  public static NewDelivery of(
      ReminderRule rule, String ref, int offsetDays, Delivery.Content content, Instant dueAt) {
    return new NewDelivery(
        rule.id(),
        rule.cardId(),
        ref,
        rule.kind(),
        offsetDays,
        rule.channel(),
        rule.destination(),
        content,
        dueAt,
        rule.sendableAt(dueAt));
  }
}
