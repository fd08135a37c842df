package io.meshdesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.EmailGateway;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.DeadLetter;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.testing.TestEnvironment;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dispatch through real parts: PostgreSQL, Redis, GreenMail SMTP and a loopback webhook receiver,
 * with faults injected. Every test ends with each reminder delivered, duplicates counted by
 * delivery id, and nothing left pending.
 */
class ReminderDispatchIT {

  /** Kills the worker that next reaches a hook, once per arming. */
  static final class KillSwitch implements DispatchHooks {
    final AtomicInteger afterSend = new AtomicInteger();
    final AtomicInteger beforeAck = new AtomicInteger();
    final List<UUID> killedInFlight = new CopyOnWriteArrayList<>();

    @Override
    public void afterSend(String consumer, List<UUID> ids) {
      if (!ids.isEmpty() && afterSend.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        killedInFlight.addAll(ids);
        throw new WorkerKilled();
      }
    }

    @Override
    public void beforeAck(String consumer, List<UUID> ids) {
      if (!ids.isEmpty() && beforeAck.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new WorkerKilled();
      }
    }
  }

  static final KillSwitch hooks = new KillSwitch();
  static int smtpPort;
  static GreenMail smtp;
  static final List<MimeMessage> mailbox = new CopyOnWriteArrayList<>();
  static ReminderHarness h;

  @BeforeAll
  static void start() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    smtp = startSmtp();
    h =
        new ReminderHarness(
            "reminderdispatch", 2, 3, SmtpConfig.loopback(smtpPort), hooks, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    h.close();
    stopSmtp();
  }

  static GreenMail startSmtp() {
    GreenMail g = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    return g;
  }

  static void stopSmtp() {
    mailbox.addAll(Arrays.asList(smtp.getReceivedMessages()));
    smtp.stop();
  }

  static List<MimeMessage> allMail() {
    List<MimeMessage> all = new ArrayList<>(mailbox);
    all.addAll(Arrays.asList(smtp.getReceivedMessages()));
    return all;
  }

  private static void awaitAllDelivered(UUID tenant, long n) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(h.counts(tenant)).isEqualTo(Map.of(DeliveryStatus.DELIVERED, n)));
  }

  @Test
  void emailCarriesDeliveryIdAsMessageIdAndTheAmountDue() throws Exception {
    UUID tenant = UUID.randomUUID();
    ReminderRule rule = h.rule(tenant, Channel.EMAIL, "ada@example.com", null);

    h.schedule(tenant, rule, 1);

    awaitAllDelivered(tenant, 1);
    Delivery d = h.deliveries(tenant, rule).getFirst();
    MimeMessage m =
        allMail().stream()
            .filter(x -> messageId(x).equals(EmailGateway.messageId(d)))
            .findFirst()
            .orElseThrow();
    assertThat(m.getSubject()).isEqualTo("Payment of 25.00 USD due on 15 December 2026");
    assertThat((String) m.getContent())
        .contains("Hello Ada Lovelace", "25.00 USD", "15 December 2026");
    assertThat(d.attempts()).isEqualTo(1);
    assertThat(d.latency()).isPresent();
  }

  @Test
  void webhookIsSignedWithTheRuleSecretAndKeyedByDeliveryId() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      UUID tenant = UUID.randomUUID();
      receiver.expectSecret("s3cret");
      ReminderRule rule = h.rule(tenant, Channel.WEBHOOK, receiver.url(), "s3cret");

      h.schedule(tenant, rule, 3);

      awaitAllDelivered(tenant, 3);
      assertThat(receiver.distinct()).isEqualTo(3);
      assertThat(receiver.badSignatures.sum()).isZero();
      Delivery d = h.deliveries(tenant, rule).getFirst();
      assertThat(receiver.body(d.id().toString()))
          .contains(
              "\"delivery_id\":\"" + d.id() + "\"",
              "\"amount_minor\":2500",
              "\"due_date\":\"2026-12-15\"");
    }
  }

  @Test
  void workerKilledBetweenSendAndAckLosesNothingAndResendsUnderTheSameId() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      UUID tenant = UUID.randomUUID();
      ReminderRule rule = h.rule(tenant, Channel.WEBHOOK, receiver.url(), "k");
      hooks.killedInFlight.clear();
      hooks.afterSend.set(1);
      hooks.beforeAck.set(1);

      h.schedule(tenant, rule, 200);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> hooks.afterSend.get() == 0 && hooks.beforeAck.get() == 0);
      h.module.startWorker("replacement-" + UUID.randomUUID());
      h.module.startWorker("replacement-" + UUID.randomUUID());

      awaitAllDelivered(tenant, 200);
      assertThat(receiver.distinct()).isEqualTo(200);
      // Every send the killed worker made reached the receiver; a repeat is only possible for an
      // attempt whose outcome was lost (the kill) or failed after the receiver got it (a timeout),
      // and it carries the same delivery id, so the receiver can drop it.
      assertThat(hooks.killedInFlight)
          .isNotEmpty()
          .allSatisfy(id -> assertThat(receiver.received()).containsKey(id.toString()));
      int extraAttempts = h.deliveries(tenant, rule).stream().mapToInt(d -> d.attempts() - 1).sum();
      assertThat(extraAttempts).isGreaterThanOrEqualTo(hooks.killedInFlight.size());
      assertThat(receiver.duplicates()).isLessThanOrEqualTo(extraAttempts);
    }
  }

  @Test
  void redisRestartedEmptyLosesNothing() {
    // restarting Redis empty is the point of this test: with an external Redis it cannot run, so it
    // fails
    var redis =
        TestEnvironment.get()
            .embeddedRedis()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "this test stops and restarts Redis: unset MESHDESK_TEST_REDIS_URL to run it against the embedded Redis"));
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      UUID tenant = UUID.randomUUID();
      ReminderRule rule = h.rule(tenant, Channel.WEBHOOK, receiver.url(), "k");
      h.schedule(tenant, rule, 300);
      redis.stop();
      h.schedule(tenant, rule, 100);
      redis.startAgain();

      awaitAllDelivered(tenant, 400);
      assertThat(receiver.distinct()).isEqualTo(400);
    }
  }

  @Test
  void smtpServerDownForAWhileDeliversOnceItIsBack() {
    UUID tenant = UUID.randomUUID();
    ReminderRule rule = h.rule(tenant, Channel.EMAIL, "grace@example.com", null);
    stopSmtp();
    try {
      h.schedule(tenant, rule, 5);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.deliveries(tenant, rule).stream()
                      .allMatch(d -> d.status() == DeliveryStatus.RETRYING));
    } finally {
      smtp = startSmtp();
    }

    awaitAllDelivered(tenant, 5);
    Set<String> ids = new HashSet<>();
    allMail().stream().map(ReminderDispatchIT::messageId).forEach(ids::add);
    assertThat(h.deliveries(tenant, rule))
        .allSatisfy(
            d -> {
              assertThat(ids).contains(EmailGateway.messageId(d));
              assertThat(d.attempts()).isGreaterThan(1);
            });
  }

  @Test
  void webhookAnswering500ThenSucceedsAfterBackoff() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      UUID tenant = UUID.randomUUID();
      ReminderRule rule = h.rule(tenant, Channel.WEBHOOK, receiver.url(), "k");
      receiver.failNext(4);

      h.schedule(tenant, rule, 4);

      awaitAllDelivered(tenant, 4);
      assertThat(receiver.refused.sum()).isEqualTo(4);
      assertThat(receiver.distinct()).isEqualTo(4);
      assertThat(receiver.duplicates()).isZero();
      assertThat(h.deliveries(tenant, rule)).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(2));
    }
  }

  @Test
  void deadLettersAfterTheLastAttemptAndRetryDeliversIt() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      UUID tenant = UUID.randomUUID();
      ReminderRule rule = h.rule(tenant, Channel.WEBHOOK, receiver.url(), "k");
      receiver.failNext(3);

      h.schedule(tenant, rule, 1);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !h.log.list(tenant, null, 0, 10).isEmpty());
      DeadLetter dl = h.log.list(tenant, null, 0, 10).getFirst();
      assertThat(dl.delivery().status()).isEqualTo(DeliveryStatus.DEAD_LETTERED);
      assertThat(dl.delivery().attempts()).isEqualTo(3);
      assertThat(dl.reason()).contains("HTTP 500");

      assertThat(h.log.retry(tenant, dl.id(), java.time.Instant.now())).isPresent();
      h.module.pump().wakeUp();

      awaitAllDelivered(tenant, 1);
      assertThat(h.log.list(tenant, null, 0, 10)).isEmpty();
      assertThat(receiver.distinct()).isEqualTo(1);
    }
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
