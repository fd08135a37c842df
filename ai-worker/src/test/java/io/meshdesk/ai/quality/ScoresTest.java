package io.meshdesk.ai.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshdesk.ai.retrieval.RankFusion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scores the quality bench reports, on cases worked out by hand. */
class ScoresTest {

  private static Scores.Pair p(String gold, String predicted) {
    return new Scores.Pair(gold, predicted);
  }

  @Test
  void macroF1AveragesPerClassF1OverGoldClasses() {
    // Gold classes a and b ("c" is only ever predicted, so it has no F1 of its own).
    List<Scores.Pair> pairs =
        List.of(p("a", "a"), p("a", "b"), p("b", "b"), p("b", "a"), p("b", "c"));
    assertThat(Scores.accuracy(pairs)).isCloseTo(0.4, within(1e-9));
    // b: tp 1, fp 1 (a->b), fn 2 -> P 0.5, R 1/3, F1 0.4; a: tp 1, fp 1, fn 1 -> 0.5
    assertThat(Scores.macroF1(pairs)).isCloseTo((0.5 + 0.4) / 2, within(1e-9));
  }

  @Test
  void recallAndMrrCountTheFirstRelevantRank() {
    List<Integer> ranks = List.of(1, 3, 6, 0);
    assertThat(Scores.recallAt(ranks, 5)).isCloseTo(0.5, within(1e-9));
    assertThat(Scores.mrr(ranks)).isCloseTo((1 + 1.0 / 3 + 1.0 / 6) / 4, within(1e-9));
  }

  @Test
  void reliabilityBinsCompareConfidenceWithAccuracy() {
    List<Scores.Bin> bins =
        Scores.reliability(
            List.of(
                new Scores.Calibrated(0.9, true),
                new Scores.Calibrated(0.95, false),
                new Scores.Calibrated(1.0, true),
                new Scores.Calibrated(0.3, false)));
    assertThat(bins).hasSize(5);
    assertThat(bins.get(4).count()).isEqualTo(3);
    assertThat(bins.get(4).accuracy()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(bins.get(1).count()).isEqualTo(1);
    double ece = (3 * Math.abs(0.95 - 2.0 / 3) + 1 * 0.3) / 4;
    assertThat(Scores.expectedCalibrationError(bins)).isCloseTo(ece, within(1e-9));
  }

  @Test
  void reciprocalRankFusionFavoursWhatBothRankingsAgreeOn() {
    assertThat(RankFusion.fuse(List.of("x", "y", "z"), List.of("z", "w", "y")))
        .first()
        .isEqualTo("z");
    assertThat(RankFusion.fuse(List.of("x", "y"), List.of("y", "x")))
        .containsExactlyInAnyOrder("x", "y");
  }
}
