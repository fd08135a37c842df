package io.meshdesk.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReflectionConfigTest {

  @Test
  void reflectionIsOnByDefault() {
    assertThat(ReflectionConfig.from(new Env(Map.of())).enabled()).isTrue();
  }

  @Test
  void reflectionTurnsOffWithFalse() {
    assertThat(
            ReflectionConfig.from(new Env(Map.of("MESHDESK_GRPC_REFLECTION", "false"))).enabled())
        .isFalse();
  }

  @Test
  void rejectsAValueThatIsNotABoolean() {
    assertThatThrownBy(
            () -> ReflectionConfig.from(new Env(Map.of("MESHDESK_GRPC_REFLECTION", "maybe"))))
        .isInstanceOf(ConfigException.class);
  }
}
