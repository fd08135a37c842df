package io.meshdesk.ai.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiConfigTest {

  @Test
  void isDisabledWithoutProjectOrApiKey() {
    GeminiConfig config = GeminiConfig.fromEnv(Map.of());

    assertThat(config.enabled()).isFalse();
    assertThat(config.model()).isEqualTo("gemini-2.5-flash");
    assertThat(config.location()).isEqualTo("us-central1");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.maxAttempts()).isEqualTo(3);
    assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void readsVertexAiSettingsFromTheEnvironment() {
    GeminiConfig config =
        GeminiConfig.fromEnv(
            Map.of(
                "MESHDESK_GEMINI_PROJECT", "acme-prod",
                "MESHDESK_GEMINI_LOCATION", "europe-west4",
                "MESHDESK_GEMINI_MODEL", "gemini-2.5-pro",
                "MESHDESK_GEMINI_TIMEOUT", "PT8S",
                "MESHDESK_GEMINI_MAX_ATTEMPTS", "4",
                "MESHDESK_GEMINI_BACKOFF_INITIAL", "50ms",
                "MESHDESK_GEMINI_BREAKER_OPEN", "1m"));

    assertThat(config.enabled()).isTrue();
    assertThat(config.vertexAi()).isTrue();
    assertThat(config.project()).isEqualTo("acme-prod");
    assertThat(config.location()).isEqualTo("europe-west4");
    assertThat(config.model()).isEqualTo("gemini-2.5-pro");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(8));
    assertThat(config.maxAttempts()).isEqualTo(4);
    assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.breakerOpenDuration()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void acceptsApiKeyModeAndNeverPrintsTheKey() {
    GeminiConfig config =
        GeminiConfig.fromEnv(
            Map.of(
                "MESHDESK_GEMINI_API_KEY", "AIza-very-secret", "MESHDESK_GEMINI_TIMEOUT", "20s"));

    assertThat(config.enabled()).isTrue();
    assertThat(config.vertexAi()).isFalse();
    assertThat(config.toString())
        .doesNotContain("very-secret")
        .contains("apiKey=***", "mode=api-key");
  }

  @Test
  void rejectsMalformedValuesNamingTheVariable() {
    assertThatThrownBy(() -> GeminiConfig.fromEnv(Map.of("MESHDESK_GEMINI_TIMEOUT", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MESHDESK_GEMINI_TIMEOUT");
    assertThatThrownBy(() -> GeminiConfig.fromEnv(Map.of("MESHDESK_GEMINI_MAX_ATTEMPTS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MESHDESK_GEMINI_MAX_ATTEMPTS");
    assertThatThrownBy(() -> GeminiConfig.fromEnv(Map.of("MESHDESK_GEMINI_MAX_ATTEMPTS", "three")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MESHDESK_GEMINI_MAX_ATTEMPTS");
    assertThatThrownBy(() -> GeminiConfig.fromEnv(Map.of("MESHDESK_GEMINI_BASE_URL", "ftp://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MESHDESK_GEMINI_BASE_URL");
    assertThatThrownBy(() -> GeminiConfig.fromEnv(Map.of("MESHDESK_GEMINI_TIMEOUT", "-5s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be positive");
  }

  @Test
  void refusesToBuildAClientWhenNotConfigured() {
    assertThatThrownBy(() -> GeminiClients.create(GeminiConfig.fromEnv(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MESHDESK_GEMINI_PROJECT");
  }
}
