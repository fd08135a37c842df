package io.meshdesk.ticket.service;

import com.google.protobuf.InvalidProtocolBufferException;
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
import io.meshdesk.api.ticket.v1.SuggestionStats;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.WriteTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
  public static AttachSuggestionResponse attach(WriteTx tx, AttachSuggestionRequest r, Actor actor)
      throws SQLException {
    Optional<Suggestion> existing = findByJob(tx.connection(), UUID.fromString(r.getJobId()));
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
      finishJob(tx.connection(), r.getJobId(), "done", 0, "ticket closed");
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
            .setDrafter(r.getDrafter())
            .setGenerationTime(r.getGenerationTime())
            .setCreatedAt(ProtoTime.timestamp(tx.now()))
            .build();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "insert into ticket.suggestions (tenant_id, id, ticket_id, job_id, created_at, payload) values (?, ?, ?, ?, ?, ?)"
                    + " on conflict (tenant_id, job_id) do nothing")) {
      ps.setObject(1, tx.tenant());
      ps.setObject(2, UUID.fromString(sg.getId()));
      ps.setObject(3, UUID.fromString(sg.getTicketId()));
      ps.setObject(4, UUID.fromString(sg.getJobId()));
      Sql.setInstant(ps, 5, tx.now());
      ps.setBytes(6, sg.toByteArray());
      if (ps.executeUpdate() == 0) {
        return AttachSuggestionResponse.newBuilder()
            .setSuggestion(findByJob(tx.connection(), UUID.fromString(r.getJobId())).orElseThrow())
            .setReplayed(true)
            .build();
      }
    }
    finishJob(tx.connection(), r.getJobId(), "done", 0, "");
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
  public static boolean markUnavailable(WriteTx tx, MarkAiUnavailableRequest r, Actor actor)
      throws SQLException {
    TicketState s =
        TicketStore.find(tx.connection(), UUID.fromString(r.getTicketId()), true)
            .orElseThrow(() -> new NotFoundException("ticket " + r.getTicketId() + " not found"));
    if (!finishJob(
        tx.connection(), r.getJobId(), "unavailable", r.getReasonValue(), r.getDetail())) {
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
  public static boolean recordChunk(Connection c, String jobId, int chunkIndex)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ticket.ai_jobs set draft_chunks = ? where id = ? and status = 'pending' and draft_chunks <= ?")) {
      ps.setInt(1, chunkIndex + 1);
      ps.setObject(2, UUID.fromString(jobId));
      ps.setInt(3, chunkIndex);
      return ps.executeUpdate() == 1;
    }
  }

  /** Records what an agent did with a suggestion. */
  public static Suggestion feedback(
      WriteTx tx, String suggestionId, SuggestionOutcome outcome, String text, Actor actor)
      throws SQLException {
    Suggestion sg =
        find(tx.connection(), UUID.fromString(suggestionId))
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
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "update ticket.suggestions set payload = ?, outcome = ? where id = ?")) {
      ps.setBytes(1, updated.toByteArray());
      ps.setInt(2, outcome.getNumber());
      ps.setObject(3, UUID.fromString(suggestionId));
      ps.executeUpdate();
    }
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

  /** Suggestions of the connection's tenant and their latest feedback outcomes, in one scan. */
  public static SuggestionStats stats(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select count(*), count(*) filter (where outcome = ?), count(*) filter (where outcome = ?),"
                + " count(*) filter (where outcome = ?) from ticket.suggestions")) {
      ps.setInt(1, SuggestionOutcome.SUGGESTION_OUTCOME_ACCEPTED_VALUE);
      ps.setInt(2, SuggestionOutcome.SUGGESTION_OUTCOME_EDITED_VALUE);
      ps.setInt(3, SuggestionOutcome.SUGGESTION_OUTCOME_DISCARDED_VALUE);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return SuggestionStats.newBuilder()
            .setSuggested(rs.getLong(1))
            .setAccepted(rs.getLong(2))
            .setEdited(rs.getLong(3))
            .setDiscarded(rs.getLong(4))
            .build();
      }
    }
  }

  /** A suggestion by id. */
  public static Optional<Suggestion> find(Connection c, UUID id) throws SQLException {
    return one(c, "select payload from ticket.suggestions where id = ?", id);
  }

  private static Optional<Suggestion> findByJob(Connection c, UUID jobId) throws SQLException {
    return one(c, "select payload from ticket.suggestions where job_id = ?", jobId);
  }

  private static Optional<Suggestion> one(Connection c, String sql, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Suggestion.parseFrom(rs.getBytes(1))) : Optional.empty();
      }
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("corrupt suggestion payload", e);
    }
  }

  private static boolean finishJob(
      Connection c, String jobId, String status, int reason, String detail) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ticket.ai_jobs set status = ?, reason = ?, detail = ? where id = ? and status = 'pending'")) {
      ps.setString(1, status);
      ps.setInt(2, reason);
      ps.setString(3, detail);
      ps.setObject(4, UUID.fromString(jobId));
      return ps.executeUpdate() == 1;
    }
  }
}
