package io.meshdesk.ai.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.embedding.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Triage learned from a tenant's history follows the labels of similar past tickets. */
class NearestNeighbourTriageTest {

  private static final Embedder EMBEDDER = Embedder.shared();

  private static LabelledTicket t(String text, String category, String priority, String team) {
    return new LabelledTicket(text, text, EMBEDDER.embed(text), category, priority, team);
  }

  @Test
  void aParaphraseGetsTheLabelsOfItsNeighbours() {
    List<LabelledTicket> history =
        new ArrayList<>(
            List.of(
                t("There is a charge on my card I did not make", "fraud", "URGENT", "disputes"),
                t("Someone used my credit card without permission", "fraud", "URGENT", "disputes"),
                t("Unknown payment to a merchant I never heard of", "fraud", "URGENT", "disputes"),
                t("How do I export my notes to PDF?", "how-to", "LOW", "success"),
                t("Where can I download a backup of my workspace?", "how-to", "LOW", "success"),
                t("Please add a dark mode to the app", "feature-request", "LOW", "product")));
    NearestNeighbourTriage model = new NearestNeighbourTriage(history);

    NearestNeighbourTriage.Suggestion s =
        model.suggest(EMBEDDER.embed("I see a transaction I don't recognise, was my card stolen?"));
    assertThat(s.category().value()).isEqualTo("fraud");
    assertThat(s.priority().value()).isEqualTo("URGENT");
    assertThat(s.team().value()).isEqualTo("disputes");
    assertThat(s.category().confidence()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(s.neighbours()).hasSize(NearestNeighbourTriage.K - 1);
    assertThat(s.neighbours().get(0).ticket().category()).isEqualTo("fraud");

    NearestNeighbourTriage.Suggestion other =
        model.suggest(EMBEDDER.embed("Can I save all my pages as PDF files?"));
    assertThat(other.category().value()).isEqualTo("how-to");
    assertThat(other.team().value()).isEqualTo("success");
  }

  @Test
  void aCorrectionInTheHistoryChangesTheSuggestion() {
    String text = "My parcel arrived broken";
    List<LabelledTicket> history =
        new ArrayList<>(List.of(t(text, "shipping", "NORMAL", "logistics")));
    NearestNeighbourTriage before = new NearestNeighbourTriage(history);
    assertThat(before.suggest(EMBEDDER.embed("The box came in damaged")).priority().value())
        .isEqualTo("NORMAL");

    // An agent raised the priority of such tickets: their corrections are the labels learned from.
    history.add(
        t("The package was crushed and the item is broken", "shipping", "HIGH", "logistics"));
    history.add(
        t("Delivered item is damaged, I need a replacement", "shipping", "HIGH", "logistics"));
    NearestNeighbourTriage after = new NearestNeighbourTriage(history);
    assertThat(after.suggest(EMBEDDER.embed("The box came in damaged")).priority().value())
        .isEqualTo("HIGH");
  }
}
