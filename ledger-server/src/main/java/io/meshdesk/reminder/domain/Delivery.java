package io.meshdesk.reminder.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * One reminder to be sent once to one destination, as stored.
 *
 * @param tenantId tenant
 * @param id delivery id: the e-mail Message-ID and the webhook Idempotency-Key
 * @param ruleId rule that produced it
 * @param cardId card
 * @param ref what it is about (statement id, payment id)
 * @param kind trigger
 * @param offsetDays days-before offset, 0 for other kinds
 * @param channel e-mail or webhook
 * @param destination address or URL
 * @param content what the message says
 * @param status state
 * @param attempts attempts so far
 * @param lastError last failure, if any
 * @param dueAt when it became due
 * @param nextAttemptAt when it may be attempted next
 * @param firstAttemptAt first attempt, if any
 * @param lastAttemptAt latest attempt, if any
 * @param deliveredAt delivery time, if delivered
 * @param latency due to delivered, if delivered
 */
public record Delivery(
    UUID tenantId,
    UUID id,
    UUID ruleId,
    UUID cardId,
    String ref,
    ReminderKind kind,
    int offsetDays,
    Channel channel,
    String destination,
    Content content,
    DeliveryStatus status,
    int attempts,
    String lastError,
    Instant dueAt,
    Instant nextAttemptAt,
    Optional<Instant> firstAttemptAt,
    Optional<Instant> lastAttemptAt,
    Optional<Instant> deliveredAt,
    Optional<Duration> latency) {

  /**
   * What a reminder tells its reader.
   *
   * @param holder cardholder's name
   * @param amountMinor amount due (minimum payment, payment amount or balance) in minor units
   * @param currency ISO-4217 code
   * @param paymentDueDate the payment due date, when the reminder is about one
   */
  public record Content(
      String holder, long amountMinor, String currency, LocalDate paymentDueDate) {}
}
