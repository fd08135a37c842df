package io.meshdesk.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

  @Test
  void readsDurationsInEveryDocumentedForm() {
    Env env = new Env(Map.of("A", "500ms", "B", "5s", "C", "2m", "D", "PT1H", "E", "3h"));
    assertThat(env.duration("A", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(env.duration("B", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    assertThat(env.duration("C", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
    assertThat(env.duration("D", Duration.ZERO)).isEqualTo(Duration.ofHours(1));
    assertThat(env.duration("E", Duration.ZERO)).isEqualTo(Duration.ofHours(3));
    assertThat(env.duration("MISSING", Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void badValuesFailWithTheVariableName() {
    Env env = new Env(Map.of("PORT", "http", "T", "soon", "B", "maybe", "BIG", "70000"));
    assertThatThrownBy(() -> env.port("PORT", 1)).hasMessage("PORT must be an integer, got 'http'");
    assertThatThrownBy(() -> env.duration("T", Duration.ZERO))
        .hasMessageStartingWith("T must be a duration");
    assertThatThrownBy(() -> env.bool("B", false))
        .hasMessageStartingWith("B must be true or false");
    assertThatThrownBy(() -> env.port("BIG", 1))
        .hasMessage("BIG must be between 0 and 65535, got 70000");
  }

  @Test
  void blankValuesCountAsUnset() {
    Env env = new Env(Map.of("X", "  "));
    assertThat(env.string("X", "default")).isEqualTo("default");
  }

  @Test
  void redisConfigNeedsAMasterNameInSentinelMode() {
    Env env =
        new Env(Map.of("MESHDESK_REDIS_URL", "redis://a:26379", "MESHDESK_REDIS_MODE", "sentinel"));
    assertThatThrownBy(() -> RedisConfig.fromEnv(env))
        .hasMessageContaining("MESHDESK_REDIS_SENTINEL_MASTER");
    Env cluster =
        new Env(
            Map.of(
                "MESHDESK_REDIS_URL",
                "redis://a:7000, redis://b:7001",
                "MESHDESK_REDIS_MODE",
                "cluster"));
    assertThat(RedisConfig.fromEnv(cluster).orElseThrow().addresses())
        .containsExactly("redis://a:7000", "redis://b:7001");
  }

  @Test
  void databaseConfigNeverPrintsPasswords() {
    Env env =
        new Env(
            Map.of(
                "MESHDESK_DATABASE_URL", "jdbc:postgresql://db/meshdesk",
                "MESHDESK_DATABASE_PASSWORD", "hunter2",
                "MESHDESK_DATABASE_OWNER_PASSWORD", "sekret"));
    String printed = DatabaseConfig.fromEnv(env).orElseThrow().toString();
    assertThat(printed).doesNotContain("hunter2").doesNotContain("sekret");
  }

  @Test
  void serversNeverReadTheOwnerCredentialsOnlyTheMigrationStepDoes() {
    Env env =
        new Env(
            Map.of(
                "MESHDESK_DATABASE_URL", "jdbc:postgresql://db/meshdesk",
                "MESHDESK_DATABASE_OWNER_USER", "owner",
                "MESHDESK_DATABASE_OWNER_PASSWORD", "sekret"));
    DatabaseConfig server = DatabaseConfig.fromEnv(env).orElseThrow();
    assertThat(server.ownerUser()).isEmpty();
    assertThat(server.ownerPassword()).isEmpty();
    assertThat(DatabaseConfig.ownerFromEnv(env).ownerUser()).contains("owner");
    assertThatThrownBy(
            () -> DatabaseConfig.ownerFromEnv(new Env(Map.of("MESHDESK_DATABASE_URL", "jdbc:x"))))
        .hasMessageStartingWith("MESHDESK_DATABASE_OWNER_USER");
  }
}
