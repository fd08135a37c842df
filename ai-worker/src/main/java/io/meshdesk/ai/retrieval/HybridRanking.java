package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the BM25 and the vector ranking of the same documents by {@link RankFusion}: each result
 * keeps its BM25 score (when words found it) and its cosine similarity (when vectors found it).
 */
final class HybridRanking {

  private HybridRanking() {}

  /** The best {@code limit} of both rankings (each best first), fused, best first. */
  static List<RetrievedDocument> fuse(
      List<RetrievedDocument> words, List<RetrievedDocument> meaning, int limit) {
    Map<String, RetrievedDocument> byKey = new LinkedHashMap<>();
    Map<String, Double> similarity = new LinkedHashMap<>();
    meaning.forEach(d -> similarity.put(key(d), d.similarity()));
    words.forEach(d -> byKey.put(key(d), d));
    meaning.forEach(d -> byKey.putIfAbsent(key(d), d));
    List<String> fused =
        RankFusion.fuse(
            words.stream().map(HybridRanking::key).toList(),
            meaning.stream().map(HybridRanking::key).toList());
    List<RetrievedDocument> out = new ArrayList<>(limit);
    for (String key : fused.subList(0, Math.min(limit, fused.size()))) {
      RetrievedDocument d = byKey.get(key);
      double sim = similarity.getOrDefault(key, Double.NaN);
      out.add(
          new RetrievedDocument(
              d.kind(), d.id(), d.title(), d.text(), d.resolution(), d.score(), sim));
    }
    return out;
  }

  private static String key(RetrievedDocument d) {
    return d.kind() + "/" + d.id();
  }
}
