package io.meshdesk.ticket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.ticket.session.PresenceMessage.Kind;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresenceCodecTest {

  static final UUID TENANT = UUID.fromString("7d0b5a52-8d8e-4c31-9f1a-0f3c1c2b7e11");

  @Test
  void everyKindSurvivesTheRoundTrip() {
    for (Kind kind : Kind.values()) {
      PresenceMessage m =
          new PresenceMessage(
              kind,
              TENANT,
              "T-42",
              "session-1",
              "user-1",
              "Ann Agent",
              true,
              CommentVisibility.COMMENT_VISIBILITY_INTERNAL,
              1_772_442_000_123L);

      assertThat(PresenceCodec.decode(PresenceCodec.encode(m))).contains(m);
    }
  }

  @Test
  void theWireFormatIsLowerCaseKindThenFieldsSeparatedByUnitSeparators() {
    PresenceMessage m = PresenceMessage.session(Kind.ONLINE, TENANT, "session-1", "user-1", 1234L);

    assertThat(PresenceCodec.encode(m))
        .isEqualTo(
            String.join(
                "\u001f",
                "online",
                TENANT.toString(),
                "-",
                "session-1",
                "user-1",
                "",
                "false",
                "0",
                "1234"));
  }

  @Test
  void aSeparatorInTheDisplayNameBecomesASpace() {
    PresenceMessage m =
        new PresenceMessage(
            Kind.VIEW,
            TENANT,
            "T-1",
            "s",
            "u",
            "Ann\u001fAgent",
            false,
            CommentVisibility.COMMENT_VISIBILITY_PUBLIC,
            1L);

    assertThat(PresenceCodec.decode(PresenceCodec.encode(m)))
        .hasValueSatisfying(d -> assertThat(d.name()).isEqualTo("Ann Agent"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "online",
        "online\u001f7d0b5a52-8d8e-4c31-9f1a-0f3c1c2b7e11\u001f-\u001fs\u001fu\u001f\u001ffalse\u001f0",
        "dance\u001f7d0b5a52-8d8e-4c31-9f1a-0f3c1c2b7e11\u001f-\u001fs\u001fu\u001f\u001ffalse\u001f0\u001f1",
        "online\u001fnot-a-uuid\u001f-\u001fs\u001fu\u001f\u001ffalse\u001f0\u001f1",
        "online\u001f7d0b5a52-8d8e-4c31-9f1a-0f3c1c2b7e11\u001f-\u001fs\u001fu\u001f\u001ffalse\u001fx\u001f1",
        "online\u001f7d0b5a52-8d8e-4c31-9f1a-0f3c1c2b7e11\u001f-\u001fs\u001fu\u001f\u001ffalse\u001f0\u001fsoon",
      })
  void malformedTextIsIgnored(String text) {
    assertThat(PresenceCodec.decode(text)).isEmpty();
  }

  @Test
  void anUnknownVisibilityNumberDecodesAsUnspecified() {
    String text =
        "typing\u001f" + TENANT + "\u001fT-1\u001fs\u001fu\u001fAnn\u001ftrue\u001f99\u001f1";

    assertThat(PresenceCodec.decode(text))
        .hasValueSatisfying(
            m ->
                assertThat(m.visibility())
                    .isEqualTo(CommentVisibility.COMMENT_VISIBILITY_UNSPECIFIED));
  }
}
