package io.meshdesk.ticket.persistence;

import static io.meshdesk.platform.db.Sql.instant;
import static io.meshdesk.platform.db.Sql.setInstant;
import static io.meshdesk.platform.db.Sql.setUuid;
import static io.meshdesk.platform.db.Sql.uuidString;
import static io.meshdesk.platform.proto.ProtoTime.instantOrNull;
import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.AiStatus;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.SentimentLabel;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Reads and writes ticket rows (JDBC, inside the caller's tenant transaction). */
public final class TicketStore {

  /** Columns every ticket read selects, aliased on {@code t}. */
  public static final String COLUMNS =
      "t.id, t.number, t.subject, t.body, t.status, t.priority, t.requester_id, t.assignee_id, t.team_id, t.tags,"
          + " (select coalesce(array_agg(k order by k), '{}') from jsonb_object_keys(t.custom_fields) k) as cf_keys,"
          + " (select coalesce(array_agg(v order by k), '{}') from jsonb_each_text(t.custom_fields) e(k, v)) as cf_vals,"
          + " t.version, t.created_at, t.updated_at, t.first_response_due_at, t.resolution_due_at,"
          + " t.resolution_remaining_ms, t.first_responded_at, t.solved_at, t.closed_at, t.first_response_breached,"
          + " t.resolution_breached, t.ai_status, t.ai_summary, t.ai_category, t.ai_sentiment, t.latest_suggestion_id,"
          + " t.comment_count, t.public_comment_count, t.transaction_id";

  private TicketStore() {}

  /** Maps the current row (selected with {@link #COLUMNS}). */
  public static TicketState map(ResultSet rs) throws SQLException {
    Ticket.Builder b =
        Ticket.newBuilder()
            .setId(rs.getString("id"))
            .setNumber(rs.getLong("number"))
            .setSubject(rs.getString("subject"))
            .setBody(rs.getString("body"))
            .setStatus(TicketStatus.forNumber(rs.getInt("status")))
            .setPriority(TicketPriority.forNumber(rs.getInt("priority")))
            .setRequesterId(rs.getString("requester_id"))
            .setAssigneeId(uuidString(rs, "assignee_id"))
            .setTeamId(uuidString(rs, "team_id"))
            .addAllTags(List.of((String[]) rs.getArray("tags").getArray()))
            .setVersion(rs.getLong("version"))
            .setCreatedAt(timestamp(instant(rs, "created_at")))
            .setUpdatedAt(timestamp(instant(rs, "updated_at")))
            .setFirstResponseBreached(rs.getBoolean("first_response_breached"))
            .setResolutionBreached(rs.getBoolean("resolution_breached"))
            .setAiStatus(AiStatus.forNumber(rs.getInt("ai_status")))
            .setAiSummary(rs.getString("ai_summary"))
            .setAiCategory(rs.getString("ai_category"))
            .setAiSentiment(SentimentLabel.forNumber(rs.getInt("ai_sentiment")))
            .setLatestSuggestionId(uuidString(rs, "latest_suggestion_id"))
            .setCommentCount(rs.getInt("comment_count"))
            .setTransactionId(uuidString(rs, "transaction_id"));
    String[] keys = (String[]) rs.getArray("cf_keys").getArray();
    String[] vals = (String[]) rs.getArray("cf_vals").getArray();
    for (int i = 0; i < keys.length; i++) {
      b.putCustomFields(keys[i], vals[i]);
    }
    setIf(b::setFirstResponseDueAt, instant(rs, "first_response_due_at"));
    setIf(b::setResolutionDueAt, instant(rs, "resolution_due_at"));
    setIf(b::setFirstRespondedAt, instant(rs, "first_responded_at"));
    setIf(b::setSolvedAt, instant(rs, "solved_at"));
    setIf(b::setClosedAt, instant(rs, "closed_at"));
    long remaining = rs.getLong("resolution_remaining_ms");
    Long rem = rs.wasNull() ? null : remaining;
    return new TicketState(b, rem, rs.getInt("public_comment_count"));
  }

  private static void setIf(
      java.util.function.Consumer<com.google.protobuf.Timestamp> setter, Instant value) {
    if (value != null) {
      setter.accept(timestamp(value));
    }
  }

  /** Reads a ticket, optionally locking it for update. */
  public static Optional<TicketState> find(Connection c, UUID id, boolean forUpdate)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + COLUMNS
                + " from ticket.tickets t where t.id = ?"
                + (forUpdate ? " for update" : ""))) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  /** Finds the ticket created with a request id. */
  public static Optional<TicketState> findByRequestId(Connection c, String requestId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select " + COLUMNS + " from ticket.tickets t where t.request_id = ?")) {
      ps.setString(1, requestId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  /** Id of the actor that created a ticket (from its "created" history entry), or empty. */
  public static Optional<String> createdBy(Connection c, UUID ticketId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select actor_id from ticket.history where ticket_id = ? and kind = ? limit 1")) {
      ps.setObject(1, ticketId);
      ps.setInt(2, TicketChangeKind.TICKET_CHANGE_KIND_CREATED.getNumber());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static final String INSERT =
      "insert into ticket.tickets (tenant_id, id, number, subject, body, status, priority, requester_id, assignee_id,"
          + " team_id, tags, custom_fields, version, created_at, updated_at, first_response_due_at, resolution_due_at,"
          + " ai_status, request_id, transaction_id, search) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " jsonb_object(?::text[], ?::text[]), ?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('english', ? || ' ' || ?))";

  /** Inserts a new ticket; the search vector covers subject and body. */
  public static void insert(Connection c, UUID tenant, TicketState s, String requestId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bindInsert(c, ps, tenant, s.ticket.build(), requestId);
      ps.executeUpdate();
    }
  }

  /**
   * Inserts a new ticket together with its "created" history entry and its pending AI job, in one
   * statement (one round trip instead of three).
   */
  public static void insertNew(TicketTx tx, TicketState s, String requestId, Actor actor, AiJob job)
      throws SQLException {
    Connection c = tx.connection();
    try (PreparedStatement ps =
        c.prepareStatement(
            "with t as ("
                + INSERT
                + " returning tenant_id, id),"
                + " h as (insert into ticket.history (tenant_id, id, ticket_id, actor_kind, actor_id, actor_name, occurred_at, kind,"
                + " field, old_value, new_value, ticket_version) select t.tenant_id, ?, t.id, ?, ?, ?, ?, ?, '', '', '', 1 from t)"
                + " insert into ticket.ai_jobs (tenant_id, id, ticket_id, ticket_version, status, enqueued_at)"
                + " select t.tenant_id, ?, t.id, ?, 'pending', ? from t")) {
      Ticket t = s.ticket.build();
      int i = bindInsert(c, ps, tx.tenant(), t, requestId);
      ps.setObject(i++, UUID.randomUUID());
      ps.setInt(i++, actor.getKindValue());
      ps.setString(i++, actor.getId());
      ps.setString(i++, actor.getDisplayName());
      setInstant(ps, i++, tx.now());
      ps.setInt(i++, TicketChangeKind.TICKET_CHANGE_KIND_CREATED.getNumber());
      ps.setObject(i++, UUID.fromString(job.getJobId()));
      ps.setLong(i++, job.getTicketVersion());
      setInstant(ps, i, tx.now());
      ps.executeUpdate();
    }
  }

  private static int bindInsert(
      Connection c, PreparedStatement ps, UUID tenant, Ticket t, String requestId)
      throws SQLException {
    int i = 1;
    ps.setObject(i++, tenant);
    ps.setObject(i++, UUID.fromString(t.getId()));
    if (t.getNumber() == 0) {
      ps.setNull(i++, java.sql.Types.BIGINT);
    } else {
      ps.setLong(i++, t.getNumber());
    }
    ps.setString(i++, t.getSubject());
    ps.setString(i++, t.getBody());
    ps.setInt(i++, t.getStatusValue());
    ps.setInt(i++, t.getPriorityValue());
    ps.setObject(i++, UUID.fromString(t.getRequesterId()));
    setUuid(ps, i++, t.getAssigneeId());
    setUuid(ps, i++, t.getTeamId());
    ps.setArray(i++, c.createArrayOf("text", t.getTagsList().toArray()));
    i = bindFields(c, ps, i, t.getCustomFieldsMap());
    ps.setLong(i++, t.getVersion());
    setInstant(ps, i++, instantOrNull(t.getCreatedAt()));
    setInstant(ps, i++, instantOrNull(t.getUpdatedAt()));
    setInstant(
        ps, i++, t.hasFirstResponseDueAt() ? instantOrNull(t.getFirstResponseDueAt()) : null);
    setInstant(ps, i++, t.hasResolutionDueAt() ? instantOrNull(t.getResolutionDueAt()) : null);
    ps.setInt(i++, t.getAiStatusValue());
    ps.setString(i++, requestId == null || requestId.isEmpty() ? null : requestId);
    setUuid(ps, i++, t.getTransactionId());
    ps.setString(i++, t.getSubject());
    ps.setString(i++, t.getBody());
    return i;
  }

  /** Writes every mutable column back; {@code extraSearch} is appended to the search vector. */
  public static void update(Connection c, TicketState s, String extraSearch) throws SQLException {
    update(c, s, extraSearch, false);
  }

  /**
   * Writes every mutable column back and rebuilds the search vector (new subject, body, public
   * comments).
   */
  public static void updateWithNewSubject(Connection c, TicketState s) throws SQLException {
    update(c, s, null, true);
  }

  private static void update(Connection c, TicketState s, String extraSearch, boolean rebuildSearch)
      throws SQLException {
    Ticket t = s.ticket.build();
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ticket.tickets set subject = ?, status = ?, priority = ?, assignee_id = ?, team_id = ?, tags = ?,"
                + " custom_fields = jsonb_object(?::text[], ?::text[]), version = ?, updated_at = ?, first_response_due_at = ?,"
                + " resolution_due_at = ?, resolution_remaining_ms = ?, first_responded_at = ?, solved_at = ?, closed_at = ?,"
                + " first_response_breached = ?, resolution_breached = ?, ai_status = ?, ai_summary = ?, ai_category = ?,"
                + " ai_sentiment = ?, latest_suggestion_id = ?, comment_count = ?, public_comment_count = ?,"
                + " search = case when ? then to_tsvector('english', ? || ' ' || body) || coalesce((select"
                + " to_tsvector('english', string_agg(m.body, ' ' order by m.position)) from ticket.comments m"
                + " where m.ticket_id = ticket.tickets.id and m.visibility = ?), ''::tsvector)"
                + " when ? = '' then search else search || to_tsvector('english', ?) end where id = ?")) {
      int i = 1;
      ps.setString(i++, t.getSubject());
      ps.setInt(i++, t.getStatusValue());
      ps.setInt(i++, t.getPriorityValue());
      setUuid(ps, i++, t.getAssigneeId());
      setUuid(ps, i++, t.getTeamId());
      ps.setArray(i++, c.createArrayOf("text", t.getTagsList().toArray()));
      i = bindFields(c, ps, i, t.getCustomFieldsMap());
      ps.setLong(i++, t.getVersion());
      setInstant(ps, i++, instantOrNull(t.getUpdatedAt()));
      setInstant(
          ps, i++, t.hasFirstResponseDueAt() ? instantOrNull(t.getFirstResponseDueAt()) : null);
      setInstant(ps, i++, t.hasResolutionDueAt() ? instantOrNull(t.getResolutionDueAt()) : null);
      if (s.resolutionRemainingMs == null) {
        ps.setNull(i++, java.sql.Types.BIGINT);
      } else {
        ps.setLong(i++, s.resolutionRemainingMs);
      }
      setInstant(ps, i++, t.hasFirstRespondedAt() ? instantOrNull(t.getFirstRespondedAt()) : null);
      setInstant(ps, i++, t.hasSolvedAt() ? instantOrNull(t.getSolvedAt()) : null);
      setInstant(ps, i++, t.hasClosedAt() ? instantOrNull(t.getClosedAt()) : null);
      ps.setBoolean(i++, t.getFirstResponseBreached());
      ps.setBoolean(i++, t.getResolutionBreached());
      ps.setInt(i++, t.getAiStatusValue());
      ps.setString(i++, t.getAiSummary());
      ps.setString(i++, t.getAiCategory());
      ps.setInt(i++, t.getAiSentimentValue());
      setUuid(ps, i++, t.getLatestSuggestionId());
      ps.setInt(i++, t.getCommentCount());
      ps.setInt(i++, s.publicCommentCount);
      ps.setBoolean(i++, rebuildSearch);
      ps.setString(i++, t.getSubject());
      ps.setInt(i++, CommentVisibility.COMMENT_VISIBILITY_PUBLIC_VALUE);
      String extra = extraSearch == null ? "" : extraSearch;
      ps.setString(i++, extra);
      ps.setString(i++, extra);
      ps.setObject(i, UUID.fromString(t.getId()));
      ps.executeUpdate();
    }
  }

  private static int bindFields(
      Connection c, PreparedStatement ps, int i, Map<String, String> fields) throws SQLException {
    Map<String, String> sorted = new TreeMap<>(fields);
    Array keys = c.createArrayOf("text", new ArrayList<>(sorted.keySet()).toArray());
    Array vals = c.createArrayOf("text", new ArrayList<>(sorted.values()).toArray());
    ps.setArray(i++, keys);
    ps.setArray(i++, vals);
    return i;
  }
}
