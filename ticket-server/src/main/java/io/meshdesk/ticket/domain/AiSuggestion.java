package io.meshdesk.ticket.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the AI worker proposed for one ticket version: triage, a drafted reply and what grounded it,
 * with the agent's feedback once given.
 *
 * @param id the suggestion's id ({@code ""} before it is stored)
 * @param ticketVersion the ticket version the job read
 * @param sentimentScore from -1 (negative) to 1 (positive)
 * @param confidence from 0 to 1
 * @param drafter which drafter wrote it (a model or the offline drafter)
 * @param createdAt when it was stored (null before)
 * @param feedback the latest feedback, or null
 * @param suggestedTeamId the team learned from the tenant's labelled tickets, or empty
 */
public record AiSuggestion(
    String id,
    String ticketId,
    String jobId,
    long ticketVersion,
    Sentiment sentiment,
    float sentimentScore,
    String category,
    Priority suggestedPriority,
    String summary,
    String draftedReply,
    float confidence,
    List<Source> sources,
    String drafter,
    Duration generationTime,
    Instant createdAt,
    Feedback feedback,
    List<SimilarTicket> similarTickets,
    List<DuplicateTicket> likelyDuplicates,
    String suggestedTeamId) {

  public AiSuggestion {
    sources = List.copyOf(sources);
    similarTickets = List.copyOf(similarTickets);
    likelyDuplicates = List.copyOf(likelyDuplicates);
  }

  /** What grounded the draft. */
  public enum SourceKind {
    ARTICLE,
    TICKET
  }

  /** A knowledge-base article or solved ticket the draft drew on. */
  public record Source(SourceKind kind, String id, String title, float score) {}

  /** A solved ticket like this one. */
  public record SimilarTicket(String ticketId, String subject, String resolution, float score) {}

  /**
   * A ticket this one may duplicate.
   *
   * @param number its per-tenant number
   * @param status its status when suggested, or null when unknown
   */
  public record DuplicateTicket(
      String ticketId, long number, String subject, Status status, float score) {}

  /** What an agent did with the suggestion. */
  public record Feedback(
      SuggestionOutcome outcome, String finalText, Actor actor, Instant recordedAt) {}

  /** This proposal as stored: with its id and storage time. */
  public AiSuggestion stored(String newId, Instant at) {
    return copy(newId, at, feedback);
  }

  /** This suggestion with feedback recorded. */
  public AiSuggestion withFeedback(Feedback f) {
    return copy(id, createdAt, f);
  }

  /** This suggestion with what storing it and feedback change; everything the worker said kept. */
  private AiSuggestion copy(String newId, Instant newCreatedAt, Feedback newFeedback) {
    return new AiSuggestion(
        newId,
        ticketId,
        jobId,
        ticketVersion,
        sentiment,
        sentimentScore,
        category,
        suggestedPriority,
        summary,
        draftedReply,
        confidence,
        sources,
        drafter,
        generationTime,
        newCreatedAt,
        newFeedback,
        similarTickets,
        likelyDuplicates,
        suggestedTeamId);
  }
}
