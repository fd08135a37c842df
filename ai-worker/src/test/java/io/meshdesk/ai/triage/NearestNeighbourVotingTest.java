package io.meshdesk.ai.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meshdesk.ai.triage.NearestNeighbourTriage.Neighbour;
import io.meshdesk.ai.triage.NearestNeighbourTriage.Suggestion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The voting arithmetic of {@link NearestNeighbourTriage} with hand-made vectors and similarities:
 * ranking, the number of voters, similarity weighting and confidence.
 */
class NearestNeighbourVotingTest {

  private static LabelledTicket ticket(String id, String label, float... vector) {
    return new LabelledTicket(id, id, vector, label, "P-" + label, "T-" + label);
  }

  private static Neighbour neighbour(String label, double similarity) {
    return new Neighbour(ticket(label, label, 1f, 0f), similarity);
  }

  @Test
  void nearestRanksByCosineSimilarityAndStopsAtTheLimit() {
    NearestNeighbourTriage model =
        new NearestNeighbourTriage(
            List.of(
                ticket("far", "x", 0f, 1f),
                ticket("near", "y", 1f, 0f),
                ticket("mid", "z", 0.6f, 0.8f)));

    List<Neighbour> two = model.nearest(new float[] {1f, 0f}, 2);

    assertThat(two).extracting(n -> n.ticket().id()).containsExactly("near", "mid");
    assertThat(two.get(1).similarity()).isCloseTo(0.6, within(1e-6));
    assertThat(model.nearest(new float[] {1f, 0f}, 10)).hasSize(3);
    assertThat(model.size()).isEqualTo(3);
  }

  @Test
  void modelKeepsItsOwnCopyOfTheHistory() {
    List<LabelledTicket> history = new ArrayList<>(List.of(ticket("a", "a", 1f, 0f)));
    NearestNeighbourTriage model = new NearestNeighbourTriage(history);

    history.add(ticket("b", "b", 1f, 0f));

    assertThat(model.size()).isEqualTo(1);
  }

  @Test
  void emptyHistoryCannotSuggest() {
    NearestNeighbourTriage model = new NearestNeighbourTriage(List.of());

    assertThatThrownBy(() -> model.suggest(new float[] {1f, 0f}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no history");
  }

  @Test
  void onlyTheFirstKNeighboursVote() {
    List<Neighbour> nearest = new ArrayList<>();
    for (int i = 0; i < NearestNeighbourTriage.K; i++) {
      nearest.add(neighbour("a", 0.5));
    }
    nearest.add(neighbour("b", 1.0));
    nearest.add(neighbour("b", 1.0));

    Suggestion s = new NearestNeighbourTriage(List.of()).suggest(nearest);

    assertThat(s.category().value()).isEqualTo("a");
    assertThat(s.category().confidence()).isEqualTo(1.0);
    assertThat(s.neighbours()).hasSize(NearestNeighbourTriage.K);
  }

  @Test
  void confidenceIsTheWinnersShareOfTheWeight() {
    Suggestion s =
        new NearestNeighbourTriage(List.of())
            .suggest(List.of(neighbour("a", 1.0), neighbour("b", 1.0), neighbour("a", 1.0)));

    assertThat(s.category().value()).isEqualTo("a");
    assertThat(s.category().confidence()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(s.priority().value()).isEqualTo("P-a");
    assertThat(s.team().value()).isEqualTo("T-a");
  }

  @Test
  void oneVerySimilarTicketOutweighsTwoLooselySimilarOnes() {
    // Weights are similarity^4: 1.0 against 2 x 0.8^4 = 0.8192.
    Suggestion s =
        new NearestNeighbourTriage(List.of())
            .suggest(List.of(neighbour("a", 1.0), neighbour("b", 0.8), neighbour("b", 0.8)));

    assertThat(s.category().value()).isEqualTo("a");
    assertThat(s.category().confidence()).isCloseTo(1.0 / 1.8192, within(1e-9));
  }

  @Test
  void oppositeTicketsDoNotVote() {
    Suggestion s =
        new NearestNeighbourTriage(List.of())
            .suggest(List.of(neighbour("a", -0.9), neighbour("b", 0.1)));

    assertThat(s.category().value()).isEqualTo("b");
    assertThat(s.category().confidence()).isEqualTo(1.0);
  }

  @Test
  void withoutAnySimilarTicketTheClosestLabelWinsWithZeroConfidence() {
    Suggestion s =
        new NearestNeighbourTriage(List.of())
            .suggest(List.of(neighbour("a", 0.0), neighbour("b", -0.5)));

    assertThat(s.category().value()).isEqualTo("a");
    assertThat(s.category().confidence()).isZero();
  }
}
