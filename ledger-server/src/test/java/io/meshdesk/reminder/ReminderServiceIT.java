package io.meshdesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.common.v1.LocalTime;
import io.meshdesk.api.reminder.v1.CreateReminderRuleRequest;
import io.meshdesk.api.reminder.v1.DeleteReminderRuleRequest;
import io.meshdesk.api.reminder.v1.DeliveryOutcome;
import io.meshdesk.api.reminder.v1.ListDeadLettersRequest;
import io.meshdesk.api.reminder.v1.ListDeliveriesRequest;
import io.meshdesk.api.reminder.v1.ListReminderRulesRequest;
import io.meshdesk.api.reminder.v1.ReminderChannel;
import io.meshdesk.api.reminder.v1.ReminderKind;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc.ReminderServiceBlockingStub;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.persistence.DeliveryStore;
import io.meshdesk.reminder.service.ReminderPlanner;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.TestTokens;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ReminderService over in-process gRPC with real tokens, and the reminder planner, on PostgreSQL.
 */
class ReminderServiceIT {

  static ReminderHarness h;
  static InProcessGrpc grpc;
  static final TestTokens tokens = new TestTokens();
  static final UUID tenant = UUID.randomUUID();
  static final UUID holder = UUID.randomUUID();

  @BeforeAll
  static void start() {
    // No workers: rows stay where the planner and the service put them.
    h =
        new ReminderHarness(
            "reminderservice", 0, 3, SmtpConfig.loopback(1), DispatchHooks.NONE, Clock.systemUTC());
    grpc = InProcessGrpc.start(List.of(h.module.service()), List.of(tokens.interceptor()));
  }

  @AfterAll
  static void stop() {
    grpc.close();
    h.close();
  }

  static ReminderServiceBlockingStub as(UUID user, Role role) {
    return ReminderServiceGrpc.newBlockingStub(grpc.channel())
        .withCallCredentials(TestTokens.bearer(tokens.user(tenant, user, role)));
  }

  static CreateReminderRuleRequest daysBefore(UUID card) {
    return CreateReminderRuleRequest.newBuilder()
        .setCardId(card.toString())
        .setKind(ReminderKind.REMINDER_KIND_DAYS_BEFORE_DUE)
        .addAllDaysBefore(List.of(1, 7, 3))
        .setChannel(ReminderChannel.REMINDER_CHANNEL_WEBHOOK)
        .setDestination("https://hooks.example.com/cards")
        .setTimeZone("America/New_York")
        .setQuietHoursStart(LocalTime.newBuilder().setHours(21))
        .setQuietHoursEnd(LocalTime.newBuilder().setHours(8))
        .build();
  }

  static CreateReminderRuleRequest emailDaysBefore(UUID card) {
    return daysBefore(card).toBuilder()
        .setChannel(ReminderChannel.REMINDER_CHANNEL_EMAIL)
        .setDestination("ada@example.com")
        .build();
  }

  @Test
  void adminCreatesAWebhookRuleAndGetsItsSigningSecretOnce() {
    UUID card = h.ledger.addCard(tenant, holder);

    var created = as(UUID.randomUUID(), Role.ADMIN).createReminderRule(daysBefore(card));

    assertThat(created.getWebhookSigningSecret()).startsWith("whsec_");
    assertThat(created.getRule().getDaysBeforeList()).containsExactly(7, 3, 1);
    assertThat(created.getRule().getTimeZone()).isEqualTo("America/New_York");
    var listed =
        as(holder, Role.CUSTOMER)
            .listReminderRules(
                ListReminderRulesRequest.newBuilder().setCardId(card.toString()).build());
    assertThat(listed.getRulesList())
        .extracting(r -> r.getId())
        .containsExactly(created.getRule().getId());
  }

  @Test
  void cardholderCannotTouchAnotherHoldersCard() {
    UUID card = h.ledger.addCard(tenant, UUID.randomUUID());

    assertThatThrownBy(() -> as(holder, Role.CUSTOMER).createReminderRule(emailDaysBefore(card)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void plainHttpWebhookIsRejectedByTheContract() {
    UUID card = h.ledger.addCard(tenant, holder);

    assertThatThrownBy(
            () ->
                as(holder, Role.CUSTOMER)
                    .createReminderRule(
                        daysBefore(card).toBuilder()
                            .setDestination("http://hooks.example.com/x")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void deadLettersAreForAdminsOnly() {
    assertThatThrownBy(
            () ->
                as(holder, Role.CUSTOMER)
                    .listDeadLetters(ListDeadLettersRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(
            as(UUID.randomUUID(), Role.ADMIN)
                .listDeadLetters(ListDeadLettersRequest.getDefaultInstance())
                .getDeadLettersList())
        .isEmpty();
  }

  @Test
  void plannerCreatesEachReminderOnceOnItsDayAndCancelsThemWhenPaid() {
    UUID card = h.ledger.addCard(tenant, holder);
    var rule = as(UUID.randomUUID(), Role.ADMIN).createReminderRule(daysBefore(card)).getRule();
    LocalDate due = LocalDate.of(2026, 12, 15);
    h.ledger.putStatement(tenant, TestLedgerFixture.statement(card, "stmt-" + card, due, false));
    AtomicInteger wakeUps = new AtomicInteger();
    ReminderPlanner planner =
        new ReminderPlanner(
            h.tx,
            h.rules,
            new DeliveryStore(h.tx),
            h.ledger,
            java.time.LocalTime.of(9, 0),
            Clock.systemUTC(),
            wakeUps::incrementAndGet);
    ListDeliveriesRequest list =
        ListDeliveriesRequest.newBuilder().setCardId(card.toString()).build();

    planner.run(tenant, due.minusDays(8), java.time.ZoneId.of("America/New_York"));
    assertThat(as(holder, Role.CUSTOMER).listDeliveries(list).getDeliveriesList()).isEmpty();

    planner.run(tenant, due.minusDays(7), java.time.ZoneId.of("America/New_York"));
    planner.run(tenant, due.minusDays(7), java.time.ZoneId.of("America/New_York"));
    planner.run(tenant, due.minusDays(3), java.time.ZoneId.of("America/New_York"));
    var deliveries = as(holder, Role.CUSTOMER).listDeliveries(list).getDeliveriesList();
    assertThat(deliveries).hasSize(2);
    assertThat(deliveries)
        .allSatisfy(
            d -> {
              assertThat(d.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERY_OUTCOME_PENDING);
              assertThat(d.getRuleId()).isEqualTo(rule.getId());
              assertThat(d.getDestination()).isEqualTo("https://hooks.example.com/***");
            });
    // 09:00 in New York on 12 December 2026 (EST) is 14:00 UTC.
    assertThat(deliveries.getFirst().getDueAt().getSeconds())
        .isEqualTo(java.time.Instant.parse("2026-12-12T14:00:00Z").getEpochSecond());
    assertThat(wakeUps.get()).isEqualTo(2);

    h.ledger.putStatement(tenant, TestLedgerFixture.statement(card, "stmt-" + card, due, true));
    planner.run(tenant, due.minusDays(1), java.time.ZoneId.of("America/New_York"));

    assertThat(as(holder, Role.CUSTOMER).listDeliveries(list).getDeliveriesList())
        .extracting(d -> d.getOutcome())
        .containsOnly(DeliveryOutcome.DELIVERY_OUTCOME_CANCELLED);
  }

  @Test
  void deletingARuleCancelsItsScheduledDeliveries() {
    UUID card = h.ledger.addCard(tenant, holder);
    var rule = as(UUID.randomUUID(), Role.ADMIN).createReminderRule(daysBefore(card)).getRule();
    h.module.events().paymentReceived(tenant, card, "pay-1", "Ada", 100, "USD");
    LocalDate due = LocalDate.of(2027, 1, 10);
    h.ledger.putStatement(tenant, TestLedgerFixture.statement(card, "s-" + card, due, false));
    new ReminderPlanner(
            h.tx,
            h.rules,
            new DeliveryStore(h.tx),
            h.ledger,
            java.time.LocalTime.of(9, 0),
            Clock.systemUTC(),
            () -> {})
        .run(tenant, due.minusDays(1), java.time.ZoneId.of("UTC"));

    var response =
        as(holder, Role.CUSTOMER)
            .deleteReminderRule(
                DeleteReminderRuleRequest.newBuilder().setRuleId(rule.getId()).build());

    assertThat(response.getCancelledDeliveries()).isEqualTo(3);
    Map<DeliveryStatus, Long> counts = h.counts(tenant);
    assertThat(counts.get(DeliveryStatus.CANCELLED)).isGreaterThanOrEqualTo(3);
  }
}
