package io.meshdesk.ai.drafting;

/**
 * A document retrieved as context for a draft.
 *
 * @param kind what the document is
 * @param id the ticket or article id
 * @param title ticket subject or article title
 * @param text the problem description (tickets) or article body
 * @param resolution for resolved tickets, the public reply that resolved it; empty for articles
 * @param score BM25 score, higher is more similar; 0 when only the vector search found it
 * @param similarity cosine similarity of the document's embedding to the query's, in [-1, 1], or
 *     {@link Double#NaN} when the index holds no vectors
 */
public record RetrievedDocument(
    Kind kind,
    String id,
    String title,
    String text,
    String resolution,
    double score,
    double similarity) {

  /** A document found by BM25 alone, without a similarity. */
  public RetrievedDocument(
      Kind kind, String id, String title, String text, String resolution, double score) {
    this(kind, id, title, text, resolution, score, Double.NaN);
  }

  /** Kind of retrieved document. */
  public enum Kind {
    RESOLVED_TICKET,
    ARTICLE
  }
}
