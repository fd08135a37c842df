package io.meshdesk.reminder;

import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.grpc.PostingListener;
import io.meshdesk.reminder.domain.ReminderEvents;
import java.math.BigInteger;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns credit drawn on a card into utilisation reminders: balance plus holds over the limit, in
 * basis points, reported to {@link ReminderEvents#utilization} once per open billing cycle (the
 * cycle's close date is the de-duplication reference, so each rule fires at most once a cycle).
 * Never throws: the posting has already committed.
 */
public final class UtilizationReminders implements PostingListener {

  private static final Logger log = LoggerFactory.getLogger(UtilizationReminders.class);

  private final ReminderEvents events;
  private final CardService cards;

  public UtilizationReminders(ReminderEvents events, CardService cards) {
    this.events = events;
    this.cards = cards;
  }

  /** Reports the card's utilisation for its open cycle; failures are logged only. */
  @Override
  public void creditUsed(UUID tenantId, UUID cardId, long exposureMinor, long limitMinor, String currency) {
    if (exposureMinor <= 0 || limitMinor <= 0) {
      return;
    }
    try {
      String cycleRef = "cycle:" + cards.card(tenantId, null, cardId).nextStatementDate();
      events.utilization(tenantId, cardId, cycleRef, basisPoints(exposureMinor, limitMinor), "cardholder",
          exposureMinor, currency);
    } catch (RuntimeException e) {
      log.warn("utilization reminder not created: {}", e.toString());
    }
  }

  /** {@code exposure / limit} in basis points, rounded down, capped at {@link Integer#MAX_VALUE}. */
  static int basisPoints(long exposureMinor, long limitMinor) {
    BigInteger bps = BigInteger.valueOf(exposureMinor).multiply(BigInteger.valueOf(10_000))
        .divide(BigInteger.valueOf(limitMinor));
    return bps.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact();
  }
}
