package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ticket.wire.SuggestionWireTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AiSuggestionTest {

  static final Instant LATER = Instant.parse("2026-04-01T10:00:00Z");

  @Test
  void storingGivesASuggestionItsIdAndTimeAndKeepsWhatTheWorkerSaid() {
    AiSuggestion proposal = SuggestionWireTest.everyFieldSet();

    AiSuggestion stored = proposal.stored("s2", LATER);

    assertThat(stored.id()).isEqualTo("s2");
    assertThat(stored.createdAt()).isEqualTo(LATER);
    assertThat(stored)
        .usingRecursiveComparison()
        .ignoringFields("id", "createdAt")
        .isEqualTo(proposal);
  }

  @Test
  void feedbackReplacesOnlyTheFeedback() {
    AiSuggestion stored = SuggestionWireTest.everyFieldSet();
    var feedback =
        new AiSuggestion.Feedback(
            SuggestionOutcome.DISCARDED, "", new Actor(ActorKind.USER, "u2", "Grace"), LATER);

    AiSuggestion withFeedback = stored.withFeedback(feedback);

    assertThat(withFeedback.feedback()).isEqualTo(feedback);
    assertThat(withFeedback)
        .usingRecursiveComparison()
        .ignoringFields("feedback")
        .isEqualTo(stored);
  }
}
