package io.meshdesk.reminder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.NewDelivery;
import io.meshdesk.reminder.domain.QuietHours;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.scheduler.DueStatementSource.DueStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which reminders one rule asks for about one statement on one day ({@link ReminderPlanner#plan}),
 * without a database: offsets before the due date, catch-up, paid statements, statement notices,
 * send time in the rule's zone and quiet hours.
 */
class ReminderPlanningTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final UUID CARD = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
  private static final LocalDate STATEMENT_DATE = LocalDate.of(2026, 3, 1);
  private static final LocalDate DUE = LocalDate.of(2026, 3, 22);

  private final ReminderPlanner planner =
      new ReminderPlanner(
          null,
          null,
          null,
          null,
          LocalTime.of(9, 0),
          Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC),
          () -> {});

  private static ReminderRule rule(ReminderKind kind, List<Integer> daysBefore) {
    return rule(kind, daysBefore, Optional.empty());
  }

  private static ReminderRule rule(
      ReminderKind kind, List<Integer> daysBefore, Optional<QuietHours> quiet) {
    return new ReminderRule(
        UUID.randomUUID(),
        CARD,
        kind,
        daysBefore,
        0,
        Channel.EMAIL,
        "holder@example.com",
        quiet,
        BERLIN,
        null,
        Instant.parse("2026-01-01T00:00:00Z"),
        null);
  }

  private static DueStatement statement(boolean paid) {
    return new DueStatement(CARD, "st-1", "Ada", STATEMENT_DATE, DUE, 2_500, 10_000, "EUR", paid);
  }

  private List<NewDelivery> plan(ReminderRule rule, DueStatement s, LocalDate day) {
    List<NewDelivery> out = new ArrayList<>();
    planner.plan(rule, s, day, out);
    return out;
  }

  @Test
  void offsetsWhoseDayHasComeAreScheduledAtTheSendTimeInTheRulesZone() {
    ReminderRule rule = rule(ReminderKind.DAYS_BEFORE_DUE, List.of(7, 3, 1));

    List<NewDelivery> out = plan(rule, statement(false), DUE.minusDays(3));

    assertThat(out).extracting(NewDelivery::offsetDays).containsExactly(7, 3);
    // 2026-03-19 09:00 in Berlin (UTC+1) is 08:00 UTC.
    assertThat(out.get(1).dueAt()).isEqualTo(Instant.parse("2026-03-19T08:00:00Z"));
    assertThat(out.get(1).sendableAt()).isEqualTo(out.get(1).dueAt());
    NewDelivery d = out.get(0);
    assertThat(d.ref()).isEqualTo("st-1");
    assertThat(d.cardId()).isEqualTo(CARD);
    assertThat(d.ruleId()).isEqualTo(rule.id());
    assertThat(d.kind()).isEqualTo(ReminderKind.DAYS_BEFORE_DUE);
    assertThat(d.content().holder()).isEqualTo("Ada");
    assertThat(d.content().amountMinor()).isEqualTo(2_500);
    assertThat(d.content().currency()).isEqualTo("EUR");
    assertThat(d.content().paymentDueDate()).isEqualTo(DUE);
  }

  @Test
  void offsetFallingOnTheDayItselfIsScheduled() {
    List<NewDelivery> out =
        plan(rule(ReminderKind.DAYS_BEFORE_DUE, List.of(5)), statement(false), DUE.minusDays(5));

    assertThat(out).extracting(NewDelivery::offsetDays).containsExactly(5);
  }

  @Test
  void nothingIsScheduledForAPaidStatement() {
    assertThat(
            plan(
                rule(ReminderKind.DAYS_BEFORE_DUE, List.of(7, 3)),
                statement(true),
                DUE.minusDays(1)))
        .isEmpty();
  }

  @Test
  void nothingIsScheduledOnOrAfterTheDueDate() {
    ReminderRule rule = rule(ReminderKind.DAYS_BEFORE_DUE, List.of(7, 3));

    assertThat(plan(rule, statement(false), DUE)).isEmpty();
    assertThat(plan(rule, statement(false), DUE.plusDays(1))).isEmpty();
  }

  @Test
  void statementNoticeGoesOutFromTheStatementDateOn() {
    ReminderRule rule = rule(ReminderKind.STATEMENT_READY, List.of());

    assertThat(plan(rule, statement(false), STATEMENT_DATE.minusDays(1))).isEmpty();
    List<NewDelivery> out = plan(rule, statement(true), STATEMENT_DATE);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).offsetDays()).isZero();
    assertThat(out.get(0).dueAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
  }

  @Test
  void eventDrivenKindsAreNotPlannedByTheCalendar() {
    assertThat(plan(rule(ReminderKind.PAYMENT_RECEIVED, List.of()), statement(false), DUE))
        .isEmpty();
  }

  @Test
  void reminderDueInQuietHoursIsSentWhenTheyEnd() {
    QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(10, 0), BERLIN);
    ReminderRule rule = rule(ReminderKind.DAYS_BEFORE_DUE, List.of(2), Optional.of(night));

    List<NewDelivery> out = plan(rule, statement(false), DUE.minusDays(2));

    assertThat(out.get(0).dueAt()).isEqualTo(Instant.parse("2026-03-20T08:00:00Z"));
    assertThat(out.get(0).sendableAt()).isEqualTo(Instant.parse("2026-03-20T09:00:00Z"));
  }

  @Test
  void dayWithoutDueStatementsSchedulesNothingAndWakesNobody() {
    AtomicInteger wakeUps = new AtomicInteger();
    ReminderPlanner idle =
        new ReminderPlanner(
            null,
            null,
            null,
            (tenant, day) -> List.of(),
            LocalTime.of(9, 0),
            Clock.systemUTC(),
            wakeUps::incrementAndGet);

    // No transaction is opened: the planner has none to open.
    idle.run(UUID.randomUUID(), DUE, BERLIN);

    assertThat(wakeUps).hasValue(0);
  }

  @Test
  void plannerIsTheReminderCreationJob() {
    assertThat(planner.name()).isEqualTo(ReminderPlanner.NAME).isEqualTo("reminders.create");
  }
}
