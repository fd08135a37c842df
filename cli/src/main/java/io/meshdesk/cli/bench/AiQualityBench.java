package io.meshdesk.cli.bench;

import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.quality.Dataset;
import io.meshdesk.ai.quality.Evaluation;
import io.meshdesk.ai.quality.QualityTicket;
import io.meshdesk.ai.quality.Scores;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench ai-quality}: how good the AI's suggestions are on a labelled dataset, the
 * lexicon, embeddings and hybrid methods side by side: triage accuracy and macro-F1 per field,
 * retrieval recall@5 and MRR, draft grounding, the calibration of the category confidence, and the
 * time of an offline suggestion (embedding, triage, hybrid retrieval and draft).
 */
@Command(
    name = "ai-quality",
    description = {
      "Triage accuracy/macro-F1, retrieval recall@5/MRR and draft grounding on a labelled dataset,",
      "lexicon vs embeddings vs hybrid (default: the bundled 624-ticket dataset)."
    })
public final class AiQualityBench implements Callable<Integer> {

  @Option(
      names = "--dataset",
      paramLabel = "DIR",
      description = "Directory holding tickets.jsonl (default: the bundled dataset).")
  Path dataset;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    List<QualityTicket> tickets = dataset == null ? Dataset.bundled() : Dataset.from(dataset);
    out.printf("dataset: %s, %d tickets%n", dataset == null ? "bundled" : dataset, tickets.size());
    out.println("loading the embedding model (" + Embedder.MODEL + ", in this JVM)...");
    Evaluation.Report report =
        new Evaluation(Embedder.shared()).run(tickets, line -> out.println("  " + line));
    out.printf(
        "%nscored %d held-out tickets against a history of %d%n%n",
        report.tickets(), report.history());
    printScores(report, out);
    out.println();
    printCalibration(report.methods().get(Evaluation.Method.EMBEDDINGS), out);
    printSuggestionTime(report, out);
    return 0;
  }

  /** One row per method: accuracy/F1 per field, retrieval and grounding. */
  private static void printScores(Evaluation.Report report, PrintStream out) {
    out.printf(
        "%-11s %-20s %-20s %-20s %-9s %-7s %-9s%n",
        "method",
        "category acc/F1",
        "priority acc/F1",
        "team acc/F1",
        "recall@5",
        "MRR",
        "grounded");
    report
        .methods()
        .forEach(
            (method, s) ->
                out.printf(
                    "%-11s %-20s %-20s %-20s %-9s %-7s %-9s%n",
                    method.name().toLowerCase(Locale.ROOT),
                    field(s, "category"),
                    field(s, "priority"),
                    field(s, "team"),
                    f(s.recallAt5()),
                    f(s.mrr()),
                    f(s.grounding())));
  }

  private static void printCalibration(Evaluation.MethodScores embeddings, PrintStream out) {
    out.println(
        "category confidence calibration (embeddings): bin, predictions, mean confidence, accuracy");
    for (Scores.Bin b : embeddings.calibration()) {
      out.printf(
          "  [%.1f, %.1f)  %4d  %s  %s%n",
          b.from(), b.to(), b.count(), f(b.meanConfidence()), f(b.accuracy()));
    }
    out.printf(
        "  expected calibration error: %s%n",
        f(Scores.expectedCalibrationError(embeddings.calibration())));
  }

  private static void printSuggestionTime(Evaluation.Report report, PrintStream out) {
    LatencyStats latency = new LatencyStats();
    report.suggestMillis().forEach(ms -> latency.record((long) (ms * 1_000_000)));
    var h = latency.cumulative();
    out.printf(
        "%noffline hybrid path per ticket (embedding + triage + BM25 + vectors + fusion + draft),"
            + " one at a time: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, n=%d%n",
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(95) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getTotalCount());
  }

  private static String field(Evaluation.MethodScores s, String name) {
    double[] v = s.fields().get(name);
    return v == null ? "-" : f(v[0]) + " / " + f(v[1]);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
