package io.meshdesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.meshdesk.reminder.dispatch.DispatchConfig;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.Gateway.DeliveryFailedException;
import io.meshdesk.reminder.dispatch.HostResolver;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.dispatch.WebhookGateway;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 item 3: a webhook must not reach an internal address, whether named by an IP literal,
 * by a host name that resolves to one, or by a name whose DNS answer changes between the check and
 * the connection (rebinding). The dispatch here runs with the production address policy.
 */
class WebhookSsrfAttackIT {

  static ReminderHarness h;

  @BeforeAll
  static void start() {
    h =
        new ReminderHarness(
            "webhookssrf",
            DispatchConfig.fast(1, 2),
            SmtpConfig.loopback(1),
            DispatchHooks.NONE,
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static Delivery delivery(String destination) {
    Instant now = Instant.now();
    return new Delivery(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        "stmt-1",
        ReminderKind.DAYS_BEFORE_DUE,
        3,
        Channel.WEBHOOK,
        destination,
        new Delivery.Content("Ada", 2_500, "USD", LocalDate.of(2026, 12, 15)),
        DeliveryStatus.PENDING,
        0,
        null,
        now,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static WebhookGateway gateway(HostResolver resolver) throws Exception {
    return new WebhookGateway(
        resolver,
        false,
        SSLContext.getDefault().getSocketFactory(),
        Duration.ofSeconds(1),
        Clock.systemUTC());
  }

  @Test
  void webhookToTheLoopbackAddressIsRefusedAndNothingReachesTheListener() {
    try (LocalListener internal = new LocalListener()) {
      UUID tenant = UUID.randomUUID();
      ReminderRule rule =
          h.rule(
              tenant, Channel.WEBHOOK, "http://127.0.0.1:" + internal.port() + "/admin", "whsec_k");

      h.schedule(tenant, rule, 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  h.deliveries(tenant, rule).getFirst().status() == DeliveryStatus.DEAD_LETTERED
                      || internal.connections() > 0);

      assertThat(internal.connections()).isZero();
      assertThat(h.deliveries(tenant, rule).getFirst().lastError())
          .contains("refused")
          .contains("loopback");
    }
  }

  @Test
  void hostNameResolvingToLoopbackIsRefusedAndNothingReachesTheListener() throws Exception {
    try (LocalListener internal = new LocalListener()) {
      WebhookGateway gateway = gateway(host -> List.of(InetAddress.getLoopbackAddress()));

      assertThatThrownBy(
              () ->
                  gateway.send(
                      delivery("http://hooks.example.com:" + internal.port() + "/x"), "whsec_k"))
          .isInstanceOf(DeliveryFailedException.class)
          .hasMessageContaining("refused")
          .hasMessageContaining("loopback");
      assertThat(internal.connections()).isZero();
    }
  }

  @Test
  void metadataAddressBehindAPublicLookingNameIsRefused() throws Exception {
    WebhookGateway gateway =
        gateway(
            host ->
                List.of(
                    InetAddress.getByName("8.8.8.8"), InetAddress.getByName("169.254.169.254")));

    assertThatThrownBy(() -> gateway.send(delivery("https://hooks.example.com/x"), "whsec_k"))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("link-local");
  }

  @Test
  void dnsRebindingBetweenCheckAndConnectNeverReachesTheListener() throws Exception {
    try (LocalListener internal = new LocalListener()) {
      // First answer: a public (documentation, unroutable) address that passes the check; every
      // later
      // answer: loopback, where the attacker wants the request to land.
      AtomicInteger lookups = new AtomicInteger();
      HostResolver rebinding =
          host ->
              List.of(
                  lookups.getAndIncrement() == 0
                      ? InetAddress.getByName("203.0.113.7")
                      : InetAddress.getLoopbackAddress());
      WebhookGateway gateway = gateway(rebinding);

      assertThatThrownBy(
              () ->
                  gateway.send(
                      delivery("http://rebind.example.com:" + internal.port() + "/x"), "whsec_k"))
          .isInstanceOf(DeliveryFailedException.class);
      assertThat(internal.connections()).isZero();
      assertThat(lookups).hasValue(1);
    }
  }
}
