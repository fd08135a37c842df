package io.meshdesk.reminder.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.domain.ReminderKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookGatewayTest {

  @Test
  void signatureIsHexHmacSha256OfTheBody() {
    // RFC 4231 test case 2.
    assertThat(WebhookGateway.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void jsonBodyEscapesTheHolderNameAndCarriesTheAmountAndDueDate() {
    Delivery d = new Delivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "stmt-1",
        ReminderKind.DAYS_BEFORE_DUE, 3, Channel.WEBHOOK, "https://x", new Delivery.Content("Ada \"The\" Lovelace",
        123_45, "JPY", LocalDate.of(2026, 2, 1)), DeliveryStatus.PENDING, 0, null, Instant.parse("2026-01-29T09:00:00Z"),
        Instant.parse("2026-01-29T09:00:00Z"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    String json = MessageTemplates.json(d);

    assertThat(json).contains("\"holder\":\"Ada \\\"The\\\" Lovelace\"", "\"amount_minor\":12345",
        "\"due_date\":\"2026-02-01\"", "\"days_before\":3", "\"delivery_id\":\"" + d.id() + "\"");
    // JPY has no minor digits.
    assertThat(MessageTemplates.subject(d)).isEqualTo("Payment of 12345 JPY due on 1 February 2026");
  }
}
