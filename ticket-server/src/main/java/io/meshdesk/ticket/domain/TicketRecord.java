package io.meshdesk.ticket.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ticket as stored, in the staff's view: every field the contract shows plus the two columns it
 * does not ({@code publicCommentCount}, {@code resolutionRemainingMs}). Ids are strings, {@code ""}
 * for none; times are null when not reached.
 *
 * @param number the per-tenant number (0 until the ticket is committed and numbered)
 * @param customFields kept sorted by key
 * @param commentCount every comment (the staff's count)
 * @param publicCommentCount public comments only (the customer's count)
 * @param resolutionRemainingMs resolution time left, frozen while PENDING; null otherwise
 * @param transactionId the card transaction the ticket is about ({@code ""}: none)
 */
public record TicketRecord(
    String id,
    long number,
    String subject,
    String body,
    Status status,
    Priority priority,
    String requesterId,
    String assigneeId,
    String teamId,
    List<String> tags,
    Map<String, String> customFields,
    long version,
    Instant createdAt,
    Instant updatedAt,
    Instant firstResponseDueAt,
    Instant resolutionDueAt,
    Instant firstRespondedAt,
    Instant solvedAt,
    Instant closedAt,
    boolean firstResponseBreached,
    boolean resolutionBreached,
    AiStatus aiStatus,
    String aiSummary,
    String aiCategory,
    Sentiment aiSentiment,
    String latestSuggestionId,
    int commentCount,
    int publicCommentCount,
    Long resolutionRemainingMs,
    String transactionId) {

  public TicketRecord {
    tags = List.copyOf(tags);
    customFields = Collections.unmodifiableMap(new TreeMap<>(customFields));
  }

  /** The customer's view: no AI fields, and only public comments counted. */
  public TicketRecord customerView() {
    TicketState view = new TicketState(this);
    view.aiStatus = AiStatus.UNSPECIFIED;
    view.aiSummary = "";
    view.aiCategory = "";
    view.aiSentiment = Sentiment.UNSPECIFIED;
    view.latestSuggestionId = "";
    view.commentCount = publicCommentCount;
    return view.record();
  }

  /** The view of this ticket for a reader: staff see everything, customers their view. */
  public TicketRecord viewFor(boolean staff) {
    return staff ? this : customerView();
  }
}
