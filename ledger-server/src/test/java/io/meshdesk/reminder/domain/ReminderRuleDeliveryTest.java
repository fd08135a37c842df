package io.meshdesk.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A rule's quiet hours applied to the deliveries it asks for, the directory that knows every card,
 * and the shortest possible backoff.
 */
class ReminderRuleDeliveryTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final Delivery.Content CONTENT =
      new Delivery.Content("Ada", 2_500, "EUR", LocalDate.of(2026, 3, 22));

  private static ReminderRule rule(Optional<QuietHours> quiet) {
    return new ReminderRule(
        UUID.randomUUID(),
        UUID.randomUUID(),
        ReminderKind.DAYS_BEFORE_DUE,
        List.of(3),
        0,
        Channel.WEBHOOK,
        "https://hooks.example.com/r",
        quiet,
        UTC,
        "secret",
        Instant.parse("2026-01-01T00:00:00Z"),
        null);
  }

  @Test
  void deliveryDueInQuietHoursBecomesSendableWhenTheyEnd() {
    ReminderRule rule =
        rule(Optional.of(new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0), UTC)));
    Instant due = Instant.parse("2026-03-19T23:00:00Z");

    NewDelivery d = NewDelivery.of(rule, "st-1", 3, CONTENT, due);

    assertThat(d.dueAt()).isEqualTo(due);
    assertThat(d.sendableAt()).isEqualTo(Instant.parse("2026-03-20T08:00:00Z"));
    assertThat(d.ruleId()).isEqualTo(rule.id());
    assertThat(d.cardId()).isEqualTo(rule.cardId());
    assertThat(d.channel()).isEqualTo(Channel.WEBHOOK);
    assertThat(d.destination()).isEqualTo("https://hooks.example.com/r");
    assertThat(d.offsetDays()).isEqualTo(3);
    assertThat(d.content()).isEqualTo(CONTENT);
  }

  @Test
  void ruleWithoutQuietHoursSendsWhenDue() {
    Instant due = Instant.parse("2026-03-19T23:00:00Z");

    assertThat(rule(Optional.empty()).sendableAt(due)).isEqualTo(due);
  }

  @Test
  void anyCardDirectoryKnowsEveryCardButNoHolder() {
    assertThat(CardDirectory.anyCard().holderOf(UUID.randomUUID(), UUID.randomUUID()))
        .contains(new UUID(0, 0));
  }

  @Test
  void millisecondBackoffWaitsAtMostOneMillisecond() {
    Backoff tiny = new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1));

    for (int i = 0; i < 20; i++) {
      assertThat(tiny.delayAfter(1)).isBetween(Duration.ZERO, Duration.ofMillis(1));
    }
  }
}
