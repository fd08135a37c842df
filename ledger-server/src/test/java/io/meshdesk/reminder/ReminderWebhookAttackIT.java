package io.meshdesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.reminder.v1.CreateReminderRuleRequest;
import io.meshdesk.api.reminder.v1.ListDeliveriesRequest;
import io.meshdesk.api.reminder.v1.ReminderChannel;
import io.meshdesk.api.reminder.v1.ReminderKind;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc.ReminderServiceBlockingStub;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.dispatch.WebhookSignature;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.reminder.service.DeliveryLog;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.TestTokens;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attacks on reminder webhooks (issue #14, items 3 and 10b) that must fail. */
class ReminderWebhookAttackIT {

  static ReminderHarness h;
  static InProcessGrpc grpc;
  static final TestTokens tokens = new TestTokens();

  @BeforeAll
  static void start() {
    h =
        new ReminderHarness(
            "webhookattack", 1, 2, SmtpConfig.loopback(1), DispatchHooks.NONE, Clock.systemUTC());
    grpc = InProcessGrpc.start(List.of(h.module.service()), List.of(tokens.interceptor()));
  }

  @AfterAll
  static void stop() {
    grpc.close();
    h.close();
  }

  static ReminderServiceBlockingStub as(UUID tenant, UUID user, Role role) {
    return ReminderServiceGrpc.newBlockingStub(grpc.channel())
        .withCallCredentials(TestTokens.bearer(tokens.user(tenant, user, role)));
  }

  @Test
  void customerCannotPointAReminderAtAUrlAndNothingIsWritten() {
    UUID tenant = UUID.randomUUID();
    UUID holder = UUID.randomUUID();
    UUID card = h.ledger.addCard(tenant, holder);

    assertThatThrownBy(
            () ->
                as(tenant, holder, Role.CUSTOMER)
                    .createReminderRule(
                        CreateReminderRuleRequest.newBuilder()
                            .setCardId(card.toString())
                            .setKind(ReminderKind.REMINDER_KIND_DAYS_BEFORE_DUE)
                            .addDaysBefore(3)
                            .setChannel(ReminderChannel.REMINDER_CHANNEL_WEBHOOK)
                            .setDestination("https://169.254.169.254/latest")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThat(h.rules.list(tenant, card, 0, 10)).isEmpty();
  }

  @Test
  void customerSeesOnlyAGenericDeliveryErrorWhileAdminKeepsTheDetail() throws Exception {
    UUID tenant = UUID.randomUUID();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ReminderRule rule =
        h.rule(tenant, Channel.WEBHOOK, "http://127.0.0.1:" + closedPort + "/probe", "k");
    UUID holder = h.ledger.holderOf(tenant, rule.cardId()).orElseThrow();

    h.schedule(tenant, rule, 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> h.deliveries(tenant, rule).getFirst().lastError() != null);

    ListDeliveriesRequest list =
        ListDeliveriesRequest.newBuilder().setCardId(rule.cardId().toString()).build();
    assertThat(as(tenant, holder, Role.CUSTOMER).listDeliveries(list).getDeliveriesList())
        .extracting(d -> d.getLastError())
        .containsExactly(DeliveryLog.GENERIC_ERROR);
    assertThat(as(tenant, UUID.randomUUID(), Role.ADMIN).listDeliveries(list).getDeliveriesList())
        .extracting(d -> d.getLastError())
        .singleElement()
        .asString()
        .contains("ConnectException");
  }

  @Test
  void ruleWithoutASecretIsNeverSentUnderAConstantKey() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      UUID tenant = UUID.randomUUID();
      ReminderRule rule = h.rule(tenant, Channel.WEBHOOK, receiver.url(), null);

      h.schedule(tenant, rule, 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> h.deliveries(tenant, rule).getFirst().lastError() != null);

      assertThat(receiver.received()).isEmpty();
      assertThat(h.deliveries(tenant, rule).getFirst().lastError()).contains("no signing secret");
    }
  }

  @Test
  void capturedDeliveryFailsVerificationOnceOutsideTheReplayWindow() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      UUID tenant = UUID.randomUUID();
      receiver.expectSecret("whsec_attack");
      ReminderRule rule = h.rule(tenant, Channel.WEBHOOK, receiver.url(), "whsec_attack");

      h.schedule(tenant, rule, 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.distinct() == 1);

      Delivery d = h.deliveries(tenant, rule).getFirst();
      String header = receiver.signature(d.id().toString());
      byte[] body = receiver.body(d.id().toString()).getBytes(StandardCharsets.UTF_8);
      Instant now = Instant.now();
      assertThat(receiver.badSignatures.sum()).isZero();
      assertThat(
              WebhookSignature.verify(
                  "whsec_attack", header, body, now, WebhookSignature.REPLAY_WINDOW))
          .isTrue();
      // The same request replayed ten minutes later, and its body under a refreshed timestamp.
      assertThat(
              WebhookSignature.verify(
                  "whsec_attack",
                  header,
                  body,
                  now.plus(Duration.ofMinutes(10)),
                  WebhookSignature.REPLAY_WINDOW))
          .isFalse();
      String refreshed =
          header.replaceFirst("t=\\d+", "t=" + now.plus(Duration.ofMinutes(10)).getEpochSecond());
      assertThat(
              WebhookSignature.verify(
                  "whsec_attack",
                  refreshed,
                  body,
                  now.plus(Duration.ofMinutes(10)),
                  WebhookSignature.REPLAY_WINDOW))
          .isFalse();
    }
  }
}
