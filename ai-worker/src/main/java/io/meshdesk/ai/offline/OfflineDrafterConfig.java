package io.meshdesk.ai.offline;

/**
 * Tuning of the offline drafter.
 *
 * @param minScore BM25 score a retrieved document needs before a draft relies on it
 * @param minOverlap share of the shorter side's content words (ticket vs. document subject and
 *     problem) the two must have in common, in (0, 1]; guards against a high BM25 score earned by
 *     one rare word
 * @param maxResolutions how many resolved tickets' resolutions a reply may quote (1 or 2)
 * @param maxArticles how many articles a reply may reference
 */
public record OfflineDrafterConfig(
    double minScore, double minOverlap, int maxResolutions, int maxArticles) {

  public OfflineDrafterConfig {
    if (minScore < 0) {
      throw new IllegalArgumentException("minScore must be >= 0");
    }
    if (minOverlap <= 0 || minOverlap > 1) {
      throw new IllegalArgumentException("minOverlap must be in (0, 1]");
    }
    if (maxResolutions < 1 || maxResolutions > 2) {
      throw new IllegalArgumentException("maxResolutions must be 1 or 2");
    }
    if (maxArticles < 0) {
      throw new IllegalArgumentException("maxArticles must be >= 0");
    }
  }

  /** The defaults: score 1.0, overlap 0.2, up to 2 resolutions and 2 articles. */
  public static OfflineDrafterConfig defaults() {
    return new OfflineDrafterConfig(1.0, 0.2, 2, 2);
  }
}
