package io.meshdesk.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.cli.Meshctl;
import org.junit.jupiter.api.Test;

/** The child JVMs benches start run meshctl itself. */
class ChildJvmTest {

  @Test
  void theMainClassNamedForChildJvmsIsMeshctls() {
    assertThat(ChildJvm.MESHCTL_MAIN).isEqualTo(Meshctl.class.getName());
  }
}
