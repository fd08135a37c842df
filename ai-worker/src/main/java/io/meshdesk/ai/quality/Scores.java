package io.meshdesk.ai.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Classification and ranking scores over (gold, predicted) pairs. */
public final class Scores {

  private Scores() {}

  /** A prediction and what it should have been. */
  public record Pair(String gold, String predicted) {}

  /** Share of exact matches. */
  public static double accuracy(List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return 0;
    }
    return pairs.stream().filter(p -> p.gold().equals(p.predicted())).count()
        / (double) pairs.size();
  }

  /** Unweighted mean of per-class F1 over the gold classes. */
  public static double macroF1(List<Pair> pairs) {
    Set<String> classes = new TreeSet<>();
    pairs.forEach(p -> classes.add(p.gold()));
    if (classes.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (String c : classes) {
      long tp = pairs.stream().filter(p -> p.gold().equals(c) && p.predicted().equals(c)).count();
      long fp = pairs.stream().filter(p -> !p.gold().equals(c) && p.predicted().equals(c)).count();
      long fn = pairs.stream().filter(p -> p.gold().equals(c) && !p.predicted().equals(c)).count();
      double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
      double recall = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
      sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
    return sum / classes.size();
  }

  /**
   * Ranks of the first relevant result, 1-based, or 0 when none was returned; one per query.
   * Recall@k is the share of ranks in [1, k]; MRR the mean of 1/rank (0 counts as 0).
   */
  public static double recallAt(List<Integer> firstRelevantRanks, int k) {
    if (firstRelevantRanks.isEmpty()) {
      return 0;
    }
    return firstRelevantRanks.stream().filter(r -> r >= 1 && r <= k).count()
        / (double) firstRelevantRanks.size();
  }

  /** Mean reciprocal rank; see {@link #recallAt}. */
  public static double mrr(List<Integer> firstRelevantRanks) {
    if (firstRelevantRanks.isEmpty()) {
      return 0;
    }
    return firstRelevantRanks.stream().mapToDouble(r -> r == 0 ? 0 : 1.0 / r).sum()
        / firstRelevantRanks.size();
  }

  /**
   * One reliability bin: predictions whose confidence fell in [{@code from}, {@code to}).
   *
   * @param from lower bound
   * @param to upper bound
   * @param count predictions in the bin
   * @param meanConfidence their mean confidence
   * @param accuracy the share of them that were right
   */
  public record Bin(double from, double to, int count, double meanConfidence, double accuracy) {}

  /** A confident, correct-or-not prediction. */
  public record Calibrated(double confidence, boolean correct) {}

  /**
   * Reliability bins of width 0.2 over [0, 1]; a well calibrated model has accuracy near
   * confidence.
   */
  public static List<Bin> reliability(List<Calibrated> predictions) {
    List<Bin> bins = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      double from = i * 0.2;
      double to = i == 4 ? 1.0001 : from + 0.2;
      List<Calibrated> in =
          predictions.stream().filter(p -> p.confidence() >= from && p.confidence() < to).toList();
      double conf = in.stream().mapToDouble(Calibrated::confidence).average().orElse(0);
      double acc =
          in.stream().filter(Calibrated::correct).count() / (double) Math.max(1, in.size());
      bins.add(new Bin(from, Math.min(to, 1.0), in.size(), conf, in.isEmpty() ? 0 : acc));
    }
    return bins;
  }

  /** Expected calibration error: the count-weighted mean gap between confidence and accuracy. */
  public static double expectedCalibrationError(List<Bin> bins) {
    int n = bins.stream().mapToInt(Bin::count).sum();
    if (n == 0) {
      return 0;
    }
    return bins.stream()
            .mapToDouble(b -> b.count() * Math.abs(b.meanConfidence() - b.accuracy()))
            .sum()
        / n;
  }
}
