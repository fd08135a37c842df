package io.meshdesk.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class StatusDescriptionsTest {

  @Test
  void cutsADescriptionThatEchoesAMegabyteOfInput() {
    Status echoed = Status.NOT_FOUND.withDescription("unknown service " + "x".repeat(1 << 20));

    Status sent = StatusDescriptions.shorten(echoed);

    assertThat(sent.getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(sent.getDescription())
        .startsWith("unknown service xxx")
        .endsWith("…")
        .hasSize(StatusDescriptions.MAX_LENGTH);
  }

  @Test
  void keepsAnOrdinaryDescriptionAsItIs() {
    Status refusal =
        Status.INVALID_ARGUMENT.withDescription(
            "invalid request: card_id: value must be a valid UUID");

    assertThat(StatusDescriptions.shorten(refusal)).isSameAs(refusal);
    assertThat(StatusDescriptions.shorten(Status.OK)).isSameAs(Status.OK);
  }
}
