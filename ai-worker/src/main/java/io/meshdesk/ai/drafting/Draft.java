package io.meshdesk.ai.drafting;

import java.util.List;

/**
 * A complete suggestion for one ticket.
 *
 * @param sentiment detected customer sentiment
 * @param sentimentScore sentiment score in [-1, 1], negative is unhappy
 * @param category triage category, e.g. {@code billing}, {@code login}, {@code bug}
 * @param suggestedPriority suggested priority
 * @param summary one-paragraph summary of the ticket
 * @param reply the drafted reply to the customer
 * @param confidence confidence in [0, 1] that the reply resolves the ticket
 * @param sources the retrieved documents the draft drew on (ids), best first
 * @param drafter name of the drafter that produced it ({@link Drafter#name()})
 * @param suggestedTeamId team (UUID) learned from the tenant's labelled tickets; empty for none
 */
public record Draft(
    Sentiment sentiment,
    double sentimentScore,
    String category,
    Priority suggestedPriority,
    String summary,
    String reply,
    double confidence,
    List<RetrievedDocument> sources,
    String drafter,
    String suggestedTeamId) {

  /** A draft that suggests no team (drafters do not route; learned triage adds the team). */
  public Draft(
      Sentiment sentiment,
      double sentimentScore,
      String category,
      Priority suggestedPriority,
      String summary,
      String reply,
      double confidence,
      List<RetrievedDocument> sources,
      String drafter) {
    this(
        sentiment,
        sentimentScore,
        category,
        suggestedPriority,
        summary,
        reply,
        confidence,
        sources,
        drafter,
        "");
  }

  /** Normalises a null team to empty. */
  public Draft {
    suggestedTeamId = suggestedTeamId == null ? "" : suggestedTeamId;
  }

  /** Customer sentiment label. */
  public enum Sentiment {
    NEGATIVE,
    NEUTRAL,
    POSITIVE
  }

  /** Ticket priority, same scale as the ticket contract. */
  public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
  }
}
