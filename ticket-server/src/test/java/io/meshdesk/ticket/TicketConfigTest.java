package io.meshdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketConfigTest {

  @Test
  void readsTheTicketSettingsFromTheEnvironment() {
    TicketConfig c =
        TicketConfig.fromEnv(
            new Env(
                Map.of(
                    "MESHDESK_TICKET_HEARTBEAT_INTERVAL", "5s",
                    "MESHDESK_TICKET_OUTBOX_RETENTION", "2d",
                    "MESHDESK_TICKET_AUTO_ASSIGN", "true")));
    assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.outboxRetention()).isEqualTo(Duration.ofDays(2));
    assertThat(c.autoAssign()).isTrue();
  }

  @Test
  void settingsThatParseButDoNotFitTogetherStopTheStartWithAConfigurationError() {
    // a TTL shorter than two refreshes would expire agents that are online
    assertThatThrownBy(
            () ->
                TicketConfig.fromEnv(
                    new Env(
                        Map.of(
                            "MESHDESK_TICKET_PRESENCE_REFRESH_INTERVAL", "20s",
                            "MESHDESK_TICKET_PRESENCE_TTL", "30s"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MESHDESK_TICKET_")
        .hasMessageContaining("presenceTtl");
  }
}
