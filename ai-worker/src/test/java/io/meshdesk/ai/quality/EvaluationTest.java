package io.meshdesk.ai.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.embedding.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluation over one tenant of the bundled dataset: every held-out ticket is scored by every
 * method, and learning from the tenant's history beats the keyword lexicon on category.
 */
class EvaluationTest {

  @Test
  void scoresEveryHeldOutTicketAndEmbeddingsBeatTheLexicon() {
    List<QualityTicket> northbank =
        Dataset.bundled().stream().filter(t -> t.tenant().equals("northbank")).toList();
    List<String> progress = new ArrayList<>();
    Evaluation.Report report = new Evaluation(Embedder.shared()).run(northbank, progress::add);

    long held = northbank.stream().filter(QualityTicket::test).count();
    assertThat(report.tickets()).isEqualTo((int) held);
    assertThat(report.history()).isEqualTo(northbank.size() - (int) held);
    assertThat(report.suggestMillis()).hasSize((int) held);
    assertThat(progress).singleElement().asString().contains("northbank");
    double lexicon = report.methods().get(Evaluation.Method.LEXICON).fields().get("category")[1];
    double hybrid = report.methods().get(Evaluation.Method.HYBRID).fields().get("category")[1];
    assertThat(hybrid).isGreaterThan(lexicon);
    assertThat(report.methods().get(Evaluation.Method.LEXICON).fields()).doesNotContainKey("team");
    assertThat(
            report.methods().get(Evaluation.Method.EMBEDDINGS).calibration().stream()
                .mapToInt(Scores.Bin::count)
                .sum())
        .isEqualTo((int) held);
  }

  @Test
  void theBundledDatasetHasItsPromisedShape() {
    List<QualityTicket> all = Dataset.bundled();
    assertThat(all).hasSizeGreaterThanOrEqualTo(600);
    assertThat(all.stream().map(QualityTicket::category).distinct().count())
        .isGreaterThanOrEqualTo(8);
    assertThat(all.stream().map(QualityTicket::tenant).distinct().count())
        .isGreaterThanOrEqualTo(3);
    assertThat(all.stream().filter(QualityTicket::test).count()).isBetween(100L, 200L);
  }
}
