package io.meshdesk.ticket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ActorKind;
import io.meshdesk.ticket.domain.AiSuggestion;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Sentiment;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.SuggestionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

public class SuggestionWireTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

  /** A suggestion with every field set (other tests build on it). */
  public static AiSuggestion everyFieldSet() {
    return new AiSuggestion(
        "s1",
        "t1",
        "j1",
        3,
        Sentiment.NEGATIVE,
        -0.5f,
        "billing",
        Priority.URGENT,
        "cannot pay",
        "Sorry about that.",
        0.75f,
        List.of(
            new AiSuggestion.Source(AiSuggestion.SourceKind.TICKET, "t9", "Refund", 0.5f),
            new AiSuggestion.Source(AiSuggestion.SourceKind.ARTICLE, "kb1", "Cards", 0.25f)),
        "offline",
        Duration.ofMillis(1234),
        T0,
        new AiSuggestion.Feedback(
            SuggestionOutcome.EDITED, "Sorry!", new Actor(ActorKind.USER, "u1", "Ada"), T0),
        List.of(new AiSuggestion.SimilarTicket("t8", "Card blocked", "unblocked", 0.5f)),
        List.of(new AiSuggestion.DuplicateTicket("t7", 7, "Card declined", Status.OPEN, 0.5f)),
        "5d1e3f0a-7c2b-4e8d-9a61-3b0f2c4d5e6f");
  }

  @Test
  void suggestionSurvivesTheContractFormWithEveryField() {
    AiSuggestion s = everyFieldSet();

    Suggestion wire = SuggestionWire.suggestion(s);

    assertEveryFieldSet(wire);
    assertThat(SuggestionWire.suggestion(wire)).isEqualTo(s);
  }

  @Test
  void aSuggestionWithoutFeedbackOrTimesHasNone() {
    AiSuggestion s = everyFieldSet();
    AiSuggestion proposal =
        new AiSuggestion(
            "",
            s.ticketId(),
            s.jobId(),
            1,
            Sentiment.POSITIVE,
            1f,
            "c",
            Priority.LOW,
            "s",
            "d",
            1f,
            List.of(),
            "offline",
            null,
            null,
            null,
            List.of(),
            List.of(),
            "");

    Suggestion wire = SuggestionWire.suggestion(proposal);

    assertThat(wire.hasFeedback()).isFalse();
    assertThat(wire.hasCreatedAt()).isFalse();
    assertThat(SuggestionWire.suggestion(wire)).isEqualTo(proposal);
  }

  /** Every field of the message and of its nested messages holds a value. */
  private static void assertEveryFieldSet(Message m) {
    List<String> expected =
        m.getDescriptorForType().getFields().stream().map(FieldDescriptor::getFullName).toList();
    assertThat(m.getAllFields().keySet())
        .extracting(FieldDescriptor::getFullName)
        .containsExactlyInAnyOrderElementsOf(expected);
    m.getAllFields()
        .forEach(
            (f, v) -> {
              if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                  && !f.getMessageType().getFullName().startsWith("google.protobuf")) {
                if (f.isRepeated()) {
                  ((List<?>) v).forEach(x -> assertEveryFieldSet((Message) x));
                } else {
                  assertEveryFieldSet((Message) v);
                }
              }
            });
  }
}
