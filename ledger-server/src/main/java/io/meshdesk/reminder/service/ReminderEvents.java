package io.meshdesk.reminder.service;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.NewDelivery;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.reminder.persistence.DeliveryStore;
import io.meshdesk.reminder.persistence.RuleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reminders triggered by ledger events rather than by the calendar: a payment posted, utilisation
 * crossing a threshold. The ledger calls these after its own commit; calling twice for the same
 * event creates nothing new.
 */
public final class ReminderEvents {

  private final Transactions tx;
  private final RuleStore rules;
  private final DeliveryStore deliveries;
  private final Clock clock;
  private final Runnable afterCreate;

  public ReminderEvents(
      Transactions tx,
      RuleStore rules,
      DeliveryStore deliveries,
      Clock clock,
      Runnable afterCreate) {
    this.tx = tx;
    this.rules = rules;
    this.deliveries = deliveries;
    this.clock = clock;
    this.afterCreate = afterCreate;
  }

  /** A payment was posted to a card; returns how many reminders were scheduled. */
  public int paymentReceived(
      UUID tenantId,
      UUID cardId,
      String paymentId,
      String holder,
      long amountMinor,
      String currency) {
    Delivery.Content content = new Delivery.Content(holder, amountMinor, currency, null);
    return create(
        tenantId, cardId, ReminderKind.PAYMENT_RECEIVED, paymentId, content, Integer.MAX_VALUE);
  }

  /**
   * A card's balance plus holds stands at {@code utilizationBps} of its limit; rules whose
   * threshold it reached fire once per {@code cycleRef} (e.g. the open billing cycle).
   */
  public int utilization(
      UUID tenantId,
      UUID cardId,
      String cycleRef,
      int utilizationBps,
      String holder,
      long exposureMinor,
      String currency) {
    Delivery.Content content = new Delivery.Content(holder, exposureMinor, currency, null);
    return create(
        tenantId, cardId, ReminderKind.UTILIZATION_ABOVE, cycleRef, content, utilizationBps);
  }

  private int create(
      UUID tenantId,
      UUID cardId,
      ReminderKind kind,
      String ref,
      Delivery.Content content,
      int level) {
    Instant now = clock.instant();
    int n =
        tx.inTenant(
            tenantId,
            c -> {
              List<NewDelivery> out = new ArrayList<>();
              for (ReminderRule r : rules.forCard(c, tenantId, cardId, kind)) {
                if (kind != ReminderKind.UTILIZATION_ABOVE
                    || level >= r.utilizationThresholdBps()) {
                  out.add(NewDelivery.of(r, ref, 0, content, now));
                }
              }
              return deliveries.schedule(c, tenantId, out);
            });
    if (n > 0) {
      afterCreate.run();
    }
    return n;
  }
}
