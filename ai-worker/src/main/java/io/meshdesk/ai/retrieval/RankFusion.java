package io.meshdesk.ai.retrieval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion: each ranking gives an item {@code 1 / (K + rank)}, and items are ordered
 * by the sum. Needs no score calibration between rankings, so BM25 scores and cosine similarities
 * combine without tuning.
 */
public final class RankFusion {

  /** The usual constant; it damps the weight of the very first ranks. */
  public static final int K = 60;

  private RankFusion() {}

  /** The union of {@code rankings} (each best first), fused, best first; ties keep first-seen. */
  @SafeVarargs
  public static <T> List<T> fuse(List<T>... rankings) {
    Map<T, Double> score = new LinkedHashMap<>();
    for (List<T> ranking : rankings) {
      for (int i = 0; i < ranking.size(); i++) {
        score.merge(ranking.get(i), 1.0 / (K + i + 1), Double::sum);
      }
    }
    return score.entrySet().stream()
        .sorted(Map.Entry.<T, Double>comparingByValue().reversed())
        .map(Map.Entry::getKey)
        .toList();
  }
}
