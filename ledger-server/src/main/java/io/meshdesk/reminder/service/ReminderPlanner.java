package io.meshdesk.reminder.service;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.NewDelivery;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.reminder.persistence.DeliveryStore;
import io.meshdesk.reminder.persistence.RuleStore;
import io.meshdesk.scheduler.DueStatementSource;
import io.meshdesk.scheduler.DueStatementSource.DueStatement;
import io.meshdesk.scheduler.ScheduledJob;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The scheduler job that turns rules into delivery rows for one tenant and day: "days before due"
 * reminders of unpaid statements and "statement ready" notices. Re-running a day inserts nothing
 * new (rows are unique per rule, card, statement, kind and offset); open reminders of statements
 * paid since are cancelled.
 */
public final class ReminderPlanner implements ScheduledJob {

  /** Job name in the run log. */
  public static final String NAME = "reminders.create";

  private final Transactions tx;
  private final RuleStore rules;
  private final DeliveryStore deliveries;
  private final DueStatementSource statements;
  private final LocalTime sendAt;
  private final Clock clock;
  private final Runnable afterCreate;

  /**
   * @param sendAt local time of day (in the rule's zone) a reminder becomes due
   * @param afterCreate called after new rows were committed (wakes the dispatch pump)
   */
  public ReminderPlanner(
      Transactions tx,
      RuleStore rules,
      DeliveryStore deliveries,
      DueStatementSource statements,
      LocalTime sendAt,
      Clock clock,
      Runnable afterCreate) {
    this.tx = tx;
    this.rules = rules;
    this.deliveries = deliveries;
    this.statements = statements;
    this.sendAt = sendAt;
    this.clock = clock;
    this.afterCreate = afterCreate;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void run(UUID tenantId, LocalDate day, ZoneId zone) {
    List<DueStatement> due = statements.statements(tenantId, day);
    if (due.isEmpty()) {
      return;
    }
    int created =
        tx.inTenant(
            tenantId,
            c -> {
              List<UUID> cards = due.stream().map(DueStatement::cardId).distinct().toList();
              Map<UUID, List<ReminderRule>> byCard =
                  rules.forCards(c, tenantId, cards).stream()
                      .collect(Collectors.groupingBy(ReminderRule::cardId));
              List<NewDelivery> out = new ArrayList<>();
              List<String> paid = new ArrayList<>();
              for (DueStatement s : due) {
                if (s.paid()) {
                  paid.add(s.statementId());
                }
                for (ReminderRule r : byCard.getOrDefault(s.cardId(), List.of())) {
                  plan(r, s, day, out);
                }
              }
              deliveries.cancelOpen(c, ReminderKind.DAYS_BEFORE_DUE, paid, clock.instant());
              return deliveries.schedule(c, tenantId, out);
            });
    if (created > 0) {
      afterCreate.run();
    }
  }

  /** The reminders {@code rule} asks for about statement {@code s} on {@code day}. */
  void plan(ReminderRule rule, DueStatement s, LocalDate day, List<NewDelivery> out) {
    Delivery.Content content =
        new Delivery.Content(s.holderName(), s.minimumDueMinor(), s.currency(), s.dueDate());
    switch (rule.kind()) {
      case DAYS_BEFORE_DUE -> {
        if (s.paid() || !day.isBefore(s.dueDate())) {
          return;
        }
        for (int d : rule.daysBefore()) {
          LocalDate remindOn = s.dueDate().minusDays(d);
          // Catch-up after downtime: a reminder whose day passed still goes out before the due
          // date.
          if (!remindOn.isAfter(day)) {
            out.add(NewDelivery.of(rule, s.statementId(), d, content, at(remindOn, rule.zone())));
          }
        }
      }
      case STATEMENT_READY -> {
        if (!s.statementDate().isAfter(day)) {
          out.add(
              NewDelivery.of(
                  rule, s.statementId(), 0, content, at(s.statementDate(), rule.zone())));
        }
      }
      default -> {
        // Event-driven kinds are created by ReminderEvents when the ledger reports the event.
      }
    }
  }

  private java.time.Instant at(LocalDate date, ZoneId zone) {
    // A send time inside a DST gap moves forward by the gap; in an overlap the earlier offset wins.
    return ZonedDateTime.of(date, sendAt, zone).toInstant();
  }
}
