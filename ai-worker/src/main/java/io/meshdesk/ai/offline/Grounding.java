package io.meshdesk.ai.offline;

import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The retrieved documents a reply may rely on, and how much. A document counts when its BM25 score
 * clears the threshold and it shares enough content words with the ticket, or when its embedding is
 * at least {@link #MIN_SIMILARITY} similar to the ticket's (a paraphrase sharing few words).
 *
 * @param resolutions relevant resolved tickets to quote, best first
 * @param articles relevant articles to reference, best first
 * @param confidence in [0, 1], from the best document's score relative to the threshold and its
 *     word overlap with the ticket; low when nothing is relevant
 */
record Grounding(
    List<RetrievedDocument> resolutions, List<RetrievedDocument> articles, double confidence) {

  /** Confidence of an honest holding reply. */
  static final double HOLDING_CONFIDENCE = 0.1;

  /**
   * Cosine similarity at which a document counts without shared words. For all-MiniLM-L6-v2,
   * tickets about the same problem in other words mostly score above it, tickets of the same
   * product about another problem mostly below.
   */
  static final double MIN_SIMILARITY = 0.6;

  /** Whether anything relevant was found. */
  boolean isEmpty() {
    return resolutions.isEmpty() && articles.isEmpty();
  }

  /** The documents used, resolutions first, then articles. */
  List<RetrievedDocument> sources() {
    List<RetrievedDocument> sources = new ArrayList<>(resolutions);
    sources.addAll(articles);
    return List.copyOf(sources);
  }

  /** Picks the documents of {@code request.context()} worth using. */
  static Grounding select(DraftRequest request, OfflineDrafterConfig config) {
    Set<String> ticketWords = contentStems(request.subject() + "\n" + request.body());
    List<RetrievedDocument> resolutions = new ArrayList<>();
    List<RetrievedDocument> articles = new ArrayList<>();
    double confidence = HOLDING_CONFIDENCE;
    for (RetrievedDocument doc : request.context()) {
      double overlap = overlap(ticketWords, contentStems(doc.title() + "\n" + doc.text()));
      boolean byWords = doc.score() >= config.minScore() && overlap >= config.minOverlap();
      boolean byMeaning = doc.similarity() >= MIN_SIMILARITY; // false for NaN
      if (!byWords && !byMeaning) {
        continue;
      }
      boolean used = false;
      if (doc.kind() == Kind.RESOLVED_TICKET && !ReplyComposer.clean(doc.resolution()).isBlank()) {
        used = addResolution(resolutions, doc, config);
      } else if (doc.kind() == Kind.ARTICLE && articles.size() < config.maxArticles()) {
        used = articles.add(doc);
      }
      if (used && confidence == HOLDING_CONFIDENCE) {
        confidence =
            byWords ? confidence(doc, overlap, config) : similarityConfidence(doc.similarity());
      }
    }
    return new Grounding(List.copyOf(resolutions), List.copyOf(articles), confidence);
  }

  private static boolean addResolution(
      List<RetrievedDocument> resolutions, RetrievedDocument doc, OfflineDrafterConfig config) {
    if (resolutions.size() >= config.maxResolutions()) {
      return false;
    }
    if (!resolutions.isEmpty()) {
      RetrievedDocument first = resolutions.get(0);
      // A second resolution only if nearly as good and actually different advice.
      boolean close = doc.score() >= 0.6 * first.score();
      boolean different =
          overlap(contentStems(first.resolution()), contentStems(doc.resolution())) < 0.8;
      if (!close || !different) {
        return false;
      }
    }
    return resolutions.add(doc);
  }

  /** 0.4 at {@link #MIN_SIMILARITY}, rising to 0.9 for an identical meaning. */
  private static double similarityConfidence(double similarity) {
    double c = 0.4 + 0.5 * (similarity - MIN_SIMILARITY) / (1 - MIN_SIMILARITY);
    return Math.min(0.9, Math.max(HOLDING_CONFIDENCE, c));
  }

  private static double confidence(
      RetrievedDocument doc, double overlap, OfflineDrafterConfig config) {
    // 0 at the threshold, approaching 1 as the score grows past it.
    double margin = config.minScore() <= 0 ? 1.0 : 1.0 - config.minScore() / doc.score();
    double c = 0.4 + 0.3 * overlap + 0.25 * margin;
    if (doc.kind() == Kind.ARTICLE) {
      c *= 0.8; // an article explains; a matching resolution has fixed this before
    }
    return Math.min(0.95, Math.max(HOLDING_CONFIDENCE, c));
  }

  /**
   * Shared content words relative to the shorter side; 0 when either side has none or they share a
   * single word only.
   */
  static double overlap(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> shared = new HashSet<>(a);
    shared.retainAll(b);
    int shorter = Math.min(a.size(), b.size());
    // One shared word is a coincidence unless one side has only one word.
    if (shared.size() < Math.min(2, shorter)) {
      return 0;
    }
    return (double) shared.size() / shorter;
  }

  static Set<String> contentStems(String text) {
    return new HashSet<>(Tokens.contentStems(text));
  }
}
