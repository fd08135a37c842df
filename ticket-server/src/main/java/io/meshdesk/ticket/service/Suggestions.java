package io.meshdesk.ticket.service;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.AiStatus;
import io.meshdesk.api.ticket.v1.AiUnavailable;
import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionResponse;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableRequest;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.api.ticket.v1.SuggestionFeedback;
import io.meshdesk.api.ticket.v1.SuggestionOutcome;
import io.meshdesk.api.ticket.v1.SuggestionReady;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.AiJobStore;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.SuggestionStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTx;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Stored AI suggestions: attached once per job, feedback recorded on them. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * Attaches a suggestion; a repeated job id returns the first one unchanged. On a closed ticket it
   * only finishes the job and returns null (closed is final).
   */
  public static AttachSuggestionResponse attach(TicketTx tx, AttachSuggestionRequest r, Actor actor)
      throws SQLException {
    Optional<Suggestion> existing = findByJob(tx, UUID.fromString(r.getJobId()));
    if (existing.isPresent()) {
      return AttachSuggestionResponse.newBuilder()
          .setSuggestion(existing.get())
          .setReplayed(true)
          .build();
    }
    TicketState s =
        TicketStore.find(tx.connection(), UUID.fromString(r.getTicketId()), true)
            .orElseThrow(() -> new NotFoundException("ticket " + r.getTicketId() + " not found"));
    if (s.ticket.getStatus() == TicketStatus.TICKET_STATUS_CLOSED) {
      finishJob(tx, r.getJobId(), "done", 0, "ticket closed");
      return null; // closed is final: the ticket stays as it is
    }
    Suggestion sg =
        Suggestion.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setTicketId(r.getTicketId())
            .setJobId(r.getJobId())
            .setTicketVersion(r.getTicketVersion())
            .setSentiment(r.getSentiment())
            .setCategory(r.getCategory())
            .setSuggestedPriority(r.getSuggestedPriority())
            .setSummary(r.getSummary())
            .setDraftedReply(r.getDraftedReply())
            .setConfidence(r.getConfidence())
            .addAllSources(r.getSourcesList())
            .addAllSimilarTickets(r.getSimilarTicketsList())
            .addAllLikelyDuplicates(r.getLikelyDuplicatesList())
            .setSuggestedTeamId(r.getSuggestedTeamId())
            .setDrafter(r.getDrafter())
            .setGenerationTime(r.getGenerationTime())
            .setCreatedAt(ProtoTime.timestamp(tx.now()))
            .build();
    if (!SuggestionStore.insert(tx, sg)) {
      return AttachSuggestionResponse.newBuilder()
          .setSuggestion(
              SuggestionStore.findByJob(tx.connection(), UUID.fromString(r.getJobId()))
                  .orElseThrow())
          .setReplayed(true)
          .build();
    }
    finishJob(tx, r.getJobId(), "done", 0, "");
    long v = s.ticket.getVersion() + 1;
    s.ticket
        .setAiStatus(AiStatus.AI_STATUS_READY)
        .setAiSummary(sg.getSummary())
        .setAiCategory(sg.getCategory())
        .setAiSentiment(sg.getSentiment().getLabel())
        .setLatestSuggestionId(sg.getId())
        .setVersion(v)
        .setUpdatedAt(ProtoTime.timestamp(tx.now()));
    TicketStore.update(tx.connection(), s, null);
    HistoryStore.add(
        tx,
        sg.getTicketId(),
        actor,
        TicketChangeKind.TICKET_CHANGE_KIND_SUGGESTION,
        "",
        "",
        sg.getId(),
        v);
    Outbox.append(
        tx,
        s,
        s.ticket.getAssigneeId(),
        s.ticket.getTeamId(),
        true,
        TicketEvent.newBuilder()
            .setActor(actor)
            .setSuggestionReady(SuggestionReady.newBuilder().setSuggestion(sg)),
        true);
    return AttachSuggestionResponse.newBuilder().setSuggestion(sg).build();
  }

  /**
   * Marks a job as giving up; returns true when it had already been recorded. A closed ticket is
   * left unchanged (no new version, history or event).
   */
  public static boolean markUnavailable(TicketTx tx, MarkAiUnavailableRequest r, Actor actor)
      throws SQLException {
    TicketState s =
        TicketStore.find(tx.connection(), UUID.fromString(r.getTicketId()), true)
            .orElseThrow(() -> new NotFoundException("ticket " + r.getTicketId() + " not found"));
    if (!finishJob(tx, r.getJobId(), "unavailable", r.getReasonValue(), r.getDetail())) {
      return true;
    }
    if (s.ticket.getStatus() == TicketStatus.TICKET_STATUS_CLOSED) {
      return false; // the job is finished; closed is final, so the ticket stays as it is
    }
    long v = s.ticket.getVersion() + 1;
    s.ticket
        .setAiStatus(AiStatus.AI_STATUS_UNAVAILABLE)
        .setVersion(v)
        .setUpdatedAt(ProtoTime.timestamp(tx.now()));
    TicketStore.update(tx.connection(), s, null);
    HistoryStore.add(
        tx,
        r.getTicketId(),
        actor,
        TicketChangeKind.TICKET_CHANGE_KIND_SUGGESTION,
        "ai_status",
        "",
        "unavailable",
        v);
    Outbox.append(
        tx,
        s,
        s.ticket.getAssigneeId(),
        s.ticket.getTeamId(),
        true,
        TicketEvent.newBuilder()
            .setActor(actor)
            .setAiUnavailable(
                AiUnavailable.newBuilder()
                    .setJobId(r.getJobId())
                    .setReason(r.getReason())
                    .setDetail(r.getDetail())),
        true);
    return false;
  }

  /** Records a draft chunk; false when it is a duplicate or the job is finished or unknown. */
  public static boolean recordChunk(TicketTx tx, String jobId, int chunkIndex) throws SQLException {
    return AiJobStore.recordChunk(tx.connection(), jobId, chunkIndex);
  }

  /** Records what an agent did with a suggestion. */
  public static Suggestion feedback(
      TicketTx tx, String suggestionId, SuggestionOutcome outcome, String text, Actor actor)
      throws SQLException {
    Suggestion sg =
        SuggestionStore.find(tx.connection(), UUID.fromString(suggestionId))
            .orElseThrow(() -> new NotFoundException("suggestion " + suggestionId + " not found"));
    Suggestion updated =
        sg.toBuilder()
            .setFeedback(
                SuggestionFeedback.newBuilder()
                    .setOutcome(outcome)
                    .setFinalText(text)
                    .setActor(actor)
                    .setRecordedAt(ProtoTime.timestamp(tx.now())))
            .build();
    SuggestionStore.saveFeedback(tx.connection(), updated);
    long version =
        TicketStore.find(tx.connection(), UUID.fromString(sg.getTicketId()), false)
            .map(s -> s.ticket.getVersion())
            .orElse(0L);
    HistoryStore.add(
        tx,
        sg.getTicketId(),
        actor,
        TicketChangeKind.TICKET_CHANGE_KIND_SUGGESTION_FEEDBACK,
        "feedback",
        "",
        outcome.name(),
        version);
    return updated;
  }

  private static Optional<Suggestion> findByJob(TicketTx tx, UUID jobId) throws SQLException {
    return SuggestionStore.findByJob(tx.connection(), jobId);
  }

  private static boolean finishJob(
      TicketTx tx, String jobId, String status, int reason, String detail) throws SQLException {
    return AiJobStore.finish(tx.connection(), jobId, status, reason, detail);
  }
}
