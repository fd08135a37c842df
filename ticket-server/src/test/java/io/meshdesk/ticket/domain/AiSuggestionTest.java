package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AiSuggestionTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  static AiSuggestion proposal() {
    return new AiSuggestion(
        "",
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
        List.of(new AiSuggestion.Source(AiSuggestion.SourceKind.ARTICLE, "kb1", "Cards", 0.25f)),
        "offline",
        Duration.ofMillis(1234),
        null,
        null,
        List.of(new AiSuggestion.SimilarTicket("t8", "Card blocked", "unblocked", 0.5f)),
        List.of(new AiSuggestion.DuplicateTicket("t7", 7, "Card declined", Status.OPEN, 0.5f)),
        "team-1");
  }

  @Test
  void storingAProposalGivesItAnIdAndATimeAndKeepsWhatTheWorkerSaid() {
    AiSuggestion stored = proposal().stored("s1", T0);

    assertThat(stored.id()).isEqualTo("s1");
    assertThat(stored.createdAt()).isEqualTo(T0);
    assertThat(stored)
        .usingRecursiveComparison()
        .ignoringFields("id", "createdAt")
        .isEqualTo(proposal());
  }

  @Test
  void feedbackReplacesOnlyTheFeedback() {
    AiSuggestion stored = proposal().stored("s1", T0);
    var feedback =
        new AiSuggestion.Feedback(
            SuggestionOutcome.EDITED, "Sorry!", new Actor(ActorKind.USER, "u1", "Ada"), T0);

    AiSuggestion withFeedback = stored.withFeedback(feedback);

    assertThat(withFeedback.feedback()).isEqualTo(feedback);
    assertThat(withFeedback)
        .usingRecursiveComparison()
        .ignoringFields("feedback")
        .isEqualTo(stored);
  }
}
