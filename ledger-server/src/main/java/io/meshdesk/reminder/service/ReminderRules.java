package io.meshdesk.reminder.service;

import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import io.meshdesk.reminder.domain.CardDirectory;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.QuietHours;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.reminder.persistence.RuleStore;
import io.meshdesk.scheduler.TenantDirectory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating, listing and deleting reminder rules. A cardholder acts only on their own cards; staff
 * (admins, managers) on every card of their tenant.
 */
public final class ReminderRules {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final RuleStore rules;
  private final CardDirectory cards;
  private final TenantDirectory tenants;
  private final Clock clock;

  public ReminderRules(RuleStore rules, CardDirectory cards, TenantDirectory tenants, Clock clock) {
    this.rules = rules;
    this.cards = cards;
    this.tenants = tenants;
    this.clock = clock;
  }

  /**
   * Who asks.
   *
   * @param tenantId the caller's tenant
   * @param userId the caller
   * @param cardholder true when the caller may act only on cards they hold (and sees only generic
   *     delivery errors)
   * @param webhooks true when the caller may create webhook rules
   */
  public record Caller(UUID tenantId, UUID userId, boolean cardholder, boolean webhooks) {}

  /**
   * A rule to create (validated by the contract already).
   *
   * @param cardId card
   * @param kind trigger
   * @param daysBefore offsets for DAYS_BEFORE_DUE
   * @param utilizationThresholdBps threshold for UTILIZATION_ABOVE
   * @param channel channel
   * @param destination address or URL
   * @param quietStart start of quiet hours, if any
   * @param quietEnd end of quiet hours, if any
   * @param zone zone, empty for the tenant's
   */
  public record Draft(
      UUID cardId,
      ReminderKind kind,
      List<Integer> daysBefore,
      int utilizationThresholdBps,
      Channel channel,
      String destination,
      Optional<java.time.LocalTime> quietStart,
      Optional<java.time.LocalTime> quietEnd,
      Optional<ZoneId> zone) {}

  /** The created rule and, for webhooks, its signing secret (shown once). */
  public record Created(ReminderRule rule, String signingSecret) {}

  /** Creates a rule; webhook rules need {@link Caller#webhooks()} and get a fresh random secret. */
  public Created create(Caller caller, Draft draft) {
    if (draft.channel() == Channel.WEBHOOK && !caller.webhooks()) {
      throw new PermissionDeniedException(
          "only admins may create webhook reminder rules; use EMAIL");
    }
    checkCard(caller, draft.cardId());
    ZoneId zone = draft.zone().orElseGet(() -> tenants.zoneOf(caller.tenantId()));
    Optional<QuietHours> quiet =
        draft.quietStart().map(s -> new QuietHours(s, draft.quietEnd().orElseThrow(), zone));
    String secret = draft.channel() == Channel.WEBHOOK ? newSecret() : null;
    ReminderRule rule =
        new ReminderRule(
            UUID.randomUUID(),
            draft.cardId(),
            draft.kind(),
            draft.daysBefore().stream().distinct().sorted(Comparator.reverseOrder()).toList(),
            draft.utilizationThresholdBps(),
            draft.channel(),
            draft.destination(),
            quiet,
            zone,
            secret,
            clock.instant(),
            caller.userId());
    rules.insert(caller.tenantId(), rule);
    return new Created(rule, secret == null ? "" : secret);
  }

  /** Rules the caller may see, oldest first; of one card when {@code cardId} is not null. */
  public List<ReminderRule> list(Caller caller, UUID cardId, int offset, int limit) {
    if (cardId != null) {
      checkCard(caller, cardId);
    }
    List<ReminderRule> all = rules.list(caller.tenantId(), cardId, offset, limit);
    if (!caller.cardholder() || cardId != null) {
      return all;
    }
    return all.stream().filter(r -> ownedBy(caller, r.cardId())).toList();
  }

  /** Deletes a rule and cancels its scheduled deliveries; returns how many were cancelled. */
  public int delete(Caller caller, UUID ruleId) {
    ReminderRule rule =
        rules
            .find(caller.tenantId(), ruleId)
            .orElseThrow(() -> new NotFoundException("reminder rule " + ruleId + " not found"));
    checkCard(caller, rule.cardId());
    int cancelled = rules.delete(caller.tenantId(), ruleId, clock.instant());
    if (cancelled < 0) {
      throw new NotFoundException("reminder rule " + ruleId + " not found");
    }
    return cancelled;
  }

  /** Fails unless the card exists and the caller may act on it. */
  public void checkCard(Caller caller, UUID cardId) {
    Optional<UUID> holder = cards.holderOf(caller.tenantId(), cardId);
    if (holder.isEmpty()) {
      throw new NotFoundException("card " + cardId + " not found");
    }
    if (caller.cardholder() && !holder.get().equals(caller.userId())) {
      // Same answer as a missing card: a cardholder learns nothing about other cards.
      throw new NotFoundException("card " + cardId + " not found");
    }
  }

  private boolean ownedBy(Caller caller, UUID cardId) {
    return cards.holderOf(caller.tenantId(), cardId).map(caller.userId()::equals).orElse(false);
  }

  private static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
