package io.meshdesk.ai.quality;

import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.ai.offline.SentimentModel;
import io.meshdesk.ai.offline.TriageModel;
import io.meshdesk.ai.retrieval.IndexEntry;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import io.meshdesk.ai.triage.LabelledTicket;
import io.meshdesk.ai.triage.NearestNeighbourTriage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Measures triage, retrieval and draft grounding on a labelled dataset, per method: the keyword
 * lexicon with BM25, sentence embeddings (nearest neighbours of the tenant's history, vector
 * retrieval), and the hybrid of both (embedding votes with the lexicon's as a tie-breaker, BM25 and
 * vectors fused by reciprocal rank, as {@link KnowledgeIndex#search} does for the worker). Each
 * tenant's training split is its history; its test split is what is scored. A draft is grounded
 * when the first source the offline drafter cites (given the method's top 5) solves the same
 * problem.
 */
public final class Evaluation {

  /** How a suggestion is made. */
  public enum Method {
    LEXICON,
    EMBEDDINGS,
    HYBRID
  }

  /** Weight of the lexicon's category in the hybrid vote (the embedding votes sum to 1). */
  static final double LEXICON_WEIGHT = 0.3;

  private static final int DEPTH = 10;

  /** Documents a draft is given, as the worker's default retrieval limit. */
  private static final int CONTEXT = 5;

  private final Embedder embedder;
  private final TriageModel lexicon = new TriageModel();
  private final SentimentModel sentiment = new SentimentModel();
  private final OfflineDrafter drafter = new OfflineDrafter();

  public Evaluation(Embedder embedder) {
    this.embedder = embedder;
  }

  /**
   * What one method scored.
   *
   * @param fields per field (category, priority, team): accuracy and macro-F1; absent when the
   *     method cannot suggest that field
   * @param recallAt5 share of test tickets with a ticket solving the same problem in the top 5
   * @param mrr mean reciprocal rank of the first such ticket
   * @param grounding share of offline drafts whose first cited source solves the same problem
   * @param calibration reliability bins of the category confidence (empty for the lexicon)
   */
  public record MethodScores(
      Map<String, double[]> fields,
      double recallAt5,
      double mrr,
      double grounding,
      List<Scores.Bin> calibration) {}

  /**
   * A whole run.
   *
   * @param tickets test tickets scored
   * @param history training tickets used as history
   * @param methods scores per method
   * @param suggestMillis per test ticket, the time of the hybrid path: embed it, triage, retrieve
   *     and draft offline (milliseconds, in the order scored)
   */
  public record Report(
      int tickets, int history, Map<Method, MethodScores> methods, List<Double> suggestMillis) {}

  /** Scores every method on {@code dataset}; {@code progress} hears one line per tenant. */
  public Report run(List<QualityTicket> dataset, Consumer<String> progress) {
    Map<String, List<QualityTicket>> byTenant = new LinkedHashMap<>();
    dataset.forEach(t -> byTenant.computeIfAbsent(t.tenant(), k -> new ArrayList<>()).add(t));
    Map<Method, Collector> collectors = new EnumMap<>(Method.class);
    for (Method m : Method.values()) {
      collectors.put(m, new Collector());
    }
    List<Double> millis = new ArrayList<>();
    int tested = 0;
    int history = 0;
    for (var entry : byTenant.entrySet()) {
      List<QualityTicket> train = entry.getValue().stream().filter(t -> !t.test()).toList();
      List<QualityTicket> test = entry.getValue().stream().filter(QualityTicket::test).toList();
      progress.accept(
          "tenant "
              + entry.getKey()
              + ": "
              + train.size()
              + " in history, "
              + test.size()
              + " to score");
      tested += test.size();
      history += train.size();
      evaluateTenant(entry.getKey(), train, test, collectors, millis);
    }
    Map<Method, MethodScores> out = new EnumMap<>(Method.class);
    collectors.forEach((m, c) -> out.put(m, c.scores(m != Method.LEXICON)));
    return new Report(tested, history, out, millis);
  }

  private void evaluateTenant(
      String tenantName,
      List<QualityTicket> train,
      List<QualityTicket> test,
      Map<Method, Collector> collectors,
      List<Double> millis) {
    UUID tenant = UUID.nameUUIDFromBytes(tenantName.getBytes(StandardCharsets.UTF_8));
    List<float[]> trainVectors =
        embedder.embedAll(train.stream().map(QualityTicket::text).toList());
    List<LabelledTicket> labelled = new ArrayList<>();
    Map<String, String> problemOf = new HashMap<>();
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      QualityTicket t = train.get(i);
      labelled.add(
          new LabelledTicket(
              t.id(), t.text(), trainVectors.get(i), t.category(), t.priority(), t.team()));
      problemOf.put(t.id(), t.problem());
      entries.add(
          new IndexEntry(
              tenant, Kind.RESOLVED_TICKET, t.id(), t.subject(), t.body(), t.resolution()));
    }
    NearestNeighbourTriage knn = new NearestNeighbourTriage(labelled);
    try (KnowledgeIndex index = KnowledgeIndex.inMemory(embedder)) {
      index.upsertAll(entries);
      for (QualityTicket t : test) {
        // The hybrid path as the worker runs it: embed once, triage, retrieve, draft.
        long start = System.nanoTime();
        float[] v = embedder.embed(t.text());
        List<NearestNeighbourTriage.Neighbour> near = knn.nearest(v, DEPTH);
        NearestNeighbourTriage.Suggestion learned = knn.suggest(near);
        TriageModel.Triage keywords =
            lexicon.triage(t.subject(), t.body(), List.of(), sentiment.read(t.text()));
        String hybridCategory = hybridCategory(learned, keywords.category());
        List<RetrievedDocument> fused = index.search(tenant, t.text(), v, DEPTH);
        String hybridCited = cited(tenant, t, fused);
        millis.add((System.nanoTime() - start) / 1e6);

        List<RetrievedDocument> bm25 = index.searchWords(tenant, t.text(), DEPTH);
        List<RetrievedDocument> vectors = index.searchVectors(tenant, v, DEPTH);
        collectors
            .get(Method.LEXICON)
            .add(
                t,
                keywords.category(),
                keywords.priority().name(),
                null,
                -1,
                ids(bm25),
                cited(tenant, t, bm25),
                problemOf);
        collectors
            .get(Method.EMBEDDINGS)
            .add(
                t,
                learned.category().value(),
                learned.priority().value(),
                learned.team().value(),
                learned.category().confidence(),
                ids(vectors),
                cited(tenant, t, vectors),
                problemOf);
        collectors
            .get(Method.HYBRID)
            .add(
                t,
                hybridCategory,
                learned.priority().value(),
                learned.team().value(),
                learned.category().confidence(),
                ids(fused),
                hybridCited,
                problemOf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id of the first source the offline drafter cites from {@code context}, or null. */
  private String cited(UUID tenant, QualityTicket t, List<RetrievedDocument> context) {
    DraftRequest request =
        new DraftRequest(
            tenant,
            UUID.nameUUIDFromBytes(t.id().getBytes(StandardCharsets.UTF_8)),
            t.subject(),
            t.body(),
            List.of(),
            "",
            context.subList(0, Math.min(CONTEXT, context.size())));
    List<RetrievedDocument> sources = drafter.draft(request, chunk -> {}).sources();
    return sources.isEmpty() ? null : sources.getFirst().id();
  }

  private static List<String> ids(List<RetrievedDocument> docs) {
    return docs.stream().map(RetrievedDocument::id).toList();
  }

  /** The embedding votes, with the lexicon's category added at {@link #LEXICON_WEIGHT}. */
  static String hybridCategory(NearestNeighbourTriage.Suggestion learned, String lexiconCategory) {
    Map<String, Double> score = new HashMap<>();
    score.put(learned.category().value(), learned.category().confidence());
    if (!TriageModel.OTHER.equals(lexiconCategory)) {
      score.merge(lexiconCategory, LEXICON_WEIGHT, Double::sum);
    }
    return score.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** Gathers one method's predictions. */
  private static final class Collector {
    final List<Scores.Pair> category = new ArrayList<>();
    final List<Scores.Pair> priority = new ArrayList<>();
    final List<Scores.Pair> team = new ArrayList<>();
    final List<Integer> ranks = new ArrayList<>();
    final List<Scores.Calibrated> calibration = new ArrayList<>();
    final List<Boolean> grounded = new ArrayList<>();

    void add(
        QualityTicket t,
        String cat,
        String prio,
        String tm,
        double confidence,
        List<String> ranking,
        String cited,
        Map<String, String> problemOf) {
      category.add(new Scores.Pair(t.category(), cat));
      priority.add(new Scores.Pair(t.priority(), prio));
      if (tm != null) {
        team.add(new Scores.Pair(t.team(), tm));
      }
      if (confidence >= 0) {
        calibration.add(new Scores.Calibrated(confidence, t.category().equals(cat)));
      }
      int rank = 0;
      for (int i = 0; i < ranking.size(); i++) {
        if (t.problem().equals(problemOf.get(ranking.get(i)))) {
          rank = i + 1;
          break;
        }
      }
      ranks.add(rank);
      grounded.add(cited != null && t.problem().equals(problemOf.get(cited)));
    }

    MethodScores scores(boolean calibrated) {
      Map<String, double[]> fields = new LinkedHashMap<>();
      fields.put("category", new double[] {Scores.accuracy(category), Scores.macroF1(category)});
      fields.put("priority", new double[] {Scores.accuracy(priority), Scores.macroF1(priority)});
      if (!team.isEmpty()) {
        fields.put("team", new double[] {Scores.accuracy(team), Scores.macroF1(team)});
      }
      double groundedShare =
          grounded.stream().filter(g -> g).count() / (double) Math.max(1, grounded.size());
      return new MethodScores(
          fields,
          Scores.recallAt(ranks, 5),
          Scores.mrr(ranks),
          groundedShare,
          calibrated ? Scores.reliability(calibration) : List.of());
    }
  }
}
