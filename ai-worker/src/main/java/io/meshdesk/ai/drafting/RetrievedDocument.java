package io.meshdesk.ai.drafting;

/**
 * A document retrieved as context for a draft.
 *
 * @param kind what the document is
 * @param id the ticket or article id
 * @param title ticket subject or article title
 * @param text the problem description (tickets) or article body
 * @param resolution for resolved tickets, the public reply that resolved it; empty for articles
 * @param score retrieval score (BM25), higher is more similar
 */
public record RetrievedDocument(
    Kind kind, String id, String title, String text, String resolution, double score) {

  /** Kind of retrieved document. */
  public enum Kind {
    RESOLVED_TICKET,
    ARTICLE
  }
}
