package io.meshdesk.reminder.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.domain.ReminderKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookGatewayTest {

  private static final byte[] BODY = "{\"amount_minor\":100}".getBytes(StandardCharsets.UTF_8);
  private static final Instant AT = Instant.parse("2026-01-29T09:00:00Z");

  @Test
  void signatureIsHmacSha256OfTimestampDotBody() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("whsec_k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((AT.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII));
    String expected = HexFormat.of().formatHex(mac.doFinal(BODY));

    assertThat(WebhookSignature.sign("whsec_k", AT, BODY))
        .isEqualTo("t=" + AT.getEpochSecond() + ", v1=" + expected);
  }

  @Test
  void verifiesWithinTheReplayWindowOnly() {
    String header = WebhookSignature.sign("whsec_k", AT, BODY);

    assertThat(
            WebhookSignature.verify(
                "whsec_k", header, BODY, AT.plusSeconds(299), WebhookSignature.REPLAY_WINDOW))
        .isTrue();
    assertThat(
            WebhookSignature.verify(
                "whsec_k", header, BODY, AT.plusSeconds(301), WebhookSignature.REPLAY_WINDOW))
        .isFalse();
  }

  @Test
  void rejectsAMovedTimestampATamperedBodyOrAnotherSecret() {
    String header = WebhookSignature.sign("whsec_k", AT, BODY);
    String moved =
        header.replace("t=" + AT.getEpochSecond(), "t=" + AT.plusSeconds(600).getEpochSecond());
    byte[] tampered = "{\"amount_minor\":999}".getBytes(StandardCharsets.UTF_8);

    assertThat(
            WebhookSignature.verify(
                "whsec_k", moved, BODY, AT.plusSeconds(600), Duration.ofMinutes(5)))
        .isFalse();
    assertThat(WebhookSignature.verify("whsec_k", header, tampered, AT, Duration.ofMinutes(5)))
        .isFalse();
    assertThat(WebhookSignature.verify("whsec_other", header, BODY, AT, Duration.ofMinutes(5)))
        .isFalse();
  }

  @Test
  void neverSignsWithoutASecret() {
    assertThatThrownBy(() -> WebhookSignature.sign("", AT, BODY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonBodyEscapesTheHolderNameAndCarriesTheAmountAndDueDate() {
    Delivery d =
        new Delivery(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "stmt-1",
            ReminderKind.DAYS_BEFORE_DUE,
            3,
            Channel.WEBHOOK,
            "https://x",
            new Delivery.Content("Ada \"The\" Lovelace", 123_45, "JPY", LocalDate.of(2026, 2, 1)),
            DeliveryStatus.PENDING,
            0,
            null,
            Instant.parse("2026-01-29T09:00:00Z"),
            Instant.parse("2026-01-29T09:00:00Z"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    String json = MessageTemplates.json(d);

    assertThat(json)
        .contains(
            "\"holder\":\"Ada \\\"The\\\" Lovelace\"",
            "\"amount_minor\":12345",
            "\"due_date\":\"2026-02-01\"",
            "\"days_before\":3",
            "\"delivery_id\":\"" + d.id() + "\"");
    // JPY has no minor digits.
    assertThat(MessageTemplates.subject(d))
        .isEqualTo("Payment of 12345 JPY due on 1 February 2026");
  }
}
