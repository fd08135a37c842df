package io.meshdesk.reminder;

import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.grpc.PostingListener;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.service.ReminderEvents;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns credit drawn on a card into utilisation reminders: balance plus holds over the limit, in
 * basis points, reported to {@link ReminderEvents#utilization} once per open billing cycle (the
 * cycle's close date is the de-duplication reference, so each rule fires at most once a cycle).
 * Never throws: the posting has already committed.
 *
 * <p>Cost: with a rule index (see {@link #UtilizationReminders(ReminderEvents, CardService,
 * Transactions, Duration)}) the cards of each tenant that have a live UTILIZATION_ABOVE rule are
 * read at most once per refresh interval, and a posting on any other card costs nothing (no card
 * read, no reminder transaction). A rule created within the interval may therefore miss the
 * purchases of that interval; the next purchase above its threshold in the cycle still fires it.
 */
public final class UtilizationReminders implements PostingListener {

  private static final Logger log = LoggerFactory.getLogger(UtilizationReminders.class);

  private final ReminderEvents events;
  private final CardService cards;
  private final Transactions tx;
  private final long refreshNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<UUID, RuleCards> ruleCards = new ConcurrentHashMap<>();

  /** Cards of a tenant with a live utilisation rule, as read at {@code readAtNanos}. */
  private record RuleCards(Set<UUID> cardIds, long readAtNanos) {}

  /** Checks every posting against the rules (no index). */
  public UtilizationReminders(ReminderEvents events, CardService cards) {
    this(events, cards, null, Duration.ZERO);
  }

  /**
   * Checks postings only on cards with a live UTILIZATION_ABOVE rule, re-reading each tenant's rule
   * cards after {@code refresh}.
   *
   * @param tx transactions on the reminder schema's database (application role)
   */
  public UtilizationReminders(
      ReminderEvents events, CardService cards, Transactions tx, Duration refresh) {
    this(events, cards, tx, refresh, System::nanoTime);
  }

  /** As above, reading the time for the refresh from {@code nanoTime} (tests advance it). */
  UtilizationReminders(
      ReminderEvents events,
      CardService cards,
      Transactions tx,
      Duration refresh,
      LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.events = events;
    this.cards = cards;
    this.tx = tx;
    this.refreshNanos = refresh.toNanos();
  }

  /** Reports the card's utilisation for its open cycle; failures are logged only. */
  @Override
  public void creditUsed(
      UUID tenantId, UUID cardId, long exposureMinor, long limitMinor, String currency) {
    if (exposureMinor <= 0 || limitMinor <= 0) {
      return;
    }
    try {
      if (tx != null && !hasRule(tenantId, cardId)) {
        return;
      }
      String cycleRef = "cycle:" + cards.card(tenantId, null, cardId).nextStatementDate();
      events.utilization(
          tenantId,
          cardId,
          cycleRef,
          basisPoints(exposureMinor, limitMinor),
          "cardholder",
          exposureMinor,
          currency);
    } catch (RuntimeException e) {
      log.warn("utilization reminder not created: {}", e.toString());
    }
  }

  private boolean hasRule(UUID tenantId, UUID cardId) {
    long now = nanoTime.getAsLong();
    RuleCards known = ruleCards.get(tenantId);
    if (known == null || now - known.readAtNanos() >= refreshNanos) {
      known = new RuleCards(readRuleCards(tenantId), now);
      ruleCards.put(tenantId, known);
    }
    return known.cardIds().contains(cardId);
  }

  private Set<UUID> readRuleCards(UUID tenantId) {
    return tx.inTenant(
        tenantId,
        c -> {
          Set<UUID> out = new HashSet<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select distinct card_id from reminder.rule where deleted_at is null and kind = ?")) {
            ps.setString(1, ReminderKind.UTILIZATION_ABOVE.name());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
              }
            }
          }
          return Set.copyOf(out);
        });
  }

  /**
   * {@code exposure / limit} in basis points, rounded down, capped at {@link Integer#MAX_VALUE}.
   */
  static int basisPoints(long exposureMinor, long limitMinor) {
    BigInteger bps =
        BigInteger.valueOf(exposureMinor)
            .multiply(BigInteger.valueOf(10_000))
            .divide(BigInteger.valueOf(limitMinor));
    return bps.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact();
  }
}
