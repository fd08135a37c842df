package io.meshdesk.reminder.service;

import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.reminder.domain.DeadLetter;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.persistence.DeadLetterStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The delivery log of cards, the dead-letter queue, and retrying from it. */
public final class DeliveryLog {

  private final DeadLetterStore store;
  private final ReminderRules rules;
  private final Clock clock;
  private final Runnable afterRetry;

  public DeliveryLog(DeadLetterStore store, ReminderRules rules, Clock clock, Runnable afterRetry) {
    this.store = store;
    this.rules = rules;
    this.clock = clock;
    this.afterRetry = afterRetry;
  }

  /**
   * Filters of the delivery log (each null for any).
   *
   * @param ruleId only this rule
   * @param status only this state
   * @param dueFrom due at or after
   * @param dueTo due before
   */
  public record Filter(UUID ruleId, DeliveryStatus status, Instant dueFrom, Instant dueTo) {}

  /** What a cardholder sees instead of a delivery's failure detail. */
  public static final String GENERIC_ERROR = "delivery failed";

  /**
   * Deliveries of a card the caller may see, most recently due first. Cardholders see only {@link
   * #GENERIC_ERROR} for a failure: the detail (connection refused, TLS handshake, HTTP status)
   * would tell them what answers at an address inside the network.
   */
  public List<Delivery> deliveries(
      ReminderRules.Caller caller, UUID cardId, Filter f, int offset, int limit) {
    rules.checkCard(caller, cardId);
    List<Delivery> found =
        store.deliveries(
            caller.tenantId(),
            cardId,
            f.ruleId(),
            f.status(),
            f.dueFrom(),
            f.dueTo(),
            offset,
            limit);
    return caller.cardholder() ? found.stream().map(DeliveryLog::withGenericError).toList() : found;
  }

  private static Delivery withGenericError(Delivery d) {
    if (d.lastError() == null || d.lastError().isEmpty()) {
      return d;
    }
    return new Delivery(
        d.tenantId(),
        d.id(),
        d.ruleId(),
        d.cardId(),
        d.ref(),
        d.kind(),
        d.offsetDays(),
        d.channel(),
        d.destination(),
        d.content(),
        d.status(),
        d.attempts(),
        GENERIC_ERROR,
        d.dueAt(),
        d.nextAttemptAt(),
        d.firstAttemptAt(),
        d.lastAttemptAt(),
        d.deliveredAt(),
        d.latency());
  }

  /** Open dead letters of the tenant, newest first. */
  public List<DeadLetter> deadLetters(UUID tenantId, UUID cardId, int offset, int limit) {
    return store.list(tenantId, cardId, offset, limit);
  }

  /** Puts a dead letter back in the queue with a fresh attempt budget. */
  public Delivery retry(UUID tenantId, UUID deadLetterId) {
    Delivery d =
        store
            .retry(tenantId, deadLetterId, clock.instant())
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "dead letter " + deadLetterId + " not found or already retried"));
    afterRetry.run();
    return d;
  }
}
