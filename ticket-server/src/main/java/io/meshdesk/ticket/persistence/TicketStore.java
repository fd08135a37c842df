package io.meshdesk.ticket.persistence;

import static io.meshdesk.platform.db.Sql.instant;
import static io.meshdesk.platform.db.Sql.setInstant;
import static io.meshdesk.platform.db.Sql.setUuid;
import static io.meshdesk.platform.db.Sql.uuidString;

import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.AiStatus;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.CommentScope;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Sentiment;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.service.Tickets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** {@link Tickets} in {@code ticket.tickets}, inside one tenant transaction. */
public final class TicketStore implements Tickets {

  /** Columns every ticket read selects, aliased on {@code t}. */
  public static final String COLUMNS =
      "t.id, t.number, t.subject, t.body, t.status, t.priority, t.requester_id, t.assignee_id, t.team_id, t.tags,"
          + " (select coalesce(array_agg(k order by k), '{}') from jsonb_object_keys(t.custom_fields) k) as cf_keys,"
          + " (select coalesce(array_agg(v order by k), '{}') from jsonb_each_text(t.custom_fields) e(k, v)) as cf_vals,"
          + " t.version, t.created_at, t.updated_at, t.first_response_due_at, t.resolution_due_at,"
          + " t.resolution_remaining_ms, t.first_responded_at, t.solved_at, t.closed_at, t.first_response_breached,"
          + " t.resolution_breached, t.ai_status, t.ai_summary, t.ai_category, t.ai_sentiment, t.latest_suggestion_id,"
          + " t.comment_count, t.public_comment_count, t.transaction_id";

  private final TicketTx tx;

  public TicketStore(TicketTx tx) {
    this.tx = tx;
  }

  /** Maps the current row (selected with {@link #COLUMNS}). */
  static TicketRecord map(ResultSet rs) throws SQLException {
    String[] keys = (String[]) rs.getArray("cf_keys").getArray();
    String[] vals = (String[]) rs.getArray("cf_vals").getArray();
    Map<String, String> fields = new TreeMap<>();
    for (int i = 0; i < keys.length; i++) {
      fields.put(keys[i], vals[i]);
    }
    long remaining = rs.getLong("resolution_remaining_ms");
    Long rem = rs.wasNull() ? null : remaining;
    return new TicketRecord(
        rs.getString("id"),
        rs.getLong("number"),
        rs.getString("subject"),
        rs.getString("body"),
        Status.ofNumber(rs.getInt("status")),
        Priority.ofNumber(rs.getInt("priority")),
        rs.getString("requester_id"),
        uuidString(rs, "assignee_id"),
        uuidString(rs, "team_id"),
        List.of((String[]) rs.getArray("tags").getArray()),
        fields,
        rs.getLong("version"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "first_response_due_at"),
        instant(rs, "resolution_due_at"),
        instant(rs, "first_responded_at"),
        instant(rs, "solved_at"),
        instant(rs, "closed_at"),
        rs.getBoolean("first_response_breached"),
        rs.getBoolean("resolution_breached"),
        AiStatus.ofNumber(rs.getInt("ai_status")),
        rs.getString("ai_summary"),
        rs.getString("ai_category"),
        Sentiment.ofNumber(rs.getInt("ai_sentiment")),
        uuidString(rs, "latest_suggestion_id"),
        rs.getInt("comment_count"),
        rs.getInt("public_comment_count"),
        rem,
        uuidString(rs, "transaction_id"));
  }

  @Override
  public Optional<TicketState> find(String id) {
    return one(" where t.id = ?", UUID.fromString(id));
  }

  @Override
  public Optional<TicketState> lock(String id) {
    return one(" where t.id = ? for update", UUID.fromString(id));
  }

  @Override
  public Optional<TicketState> byRequestKey(String requestKey) {
    return one(" where t.request_id = ?", requestKey);
  }

  private Optional<TicketState> one(String where, Object arg) {
    try (PreparedStatement ps =
        tx.connection().prepareStatement("select " + COLUMNS + " from ticket.tickets t" + where)) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new TicketState(map(rs))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public Optional<String> createdBy(String id) {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "select actor_id from ticket.history where ticket_id = ? and kind = ? limit 1")) {
      ps.setObject(1, UUID.fromString(id));
      ps.setInt(2, ChangeKind.CREATED.number());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  private static final String INSERT =
      "insert into ticket.tickets (tenant_id, id, number, subject, body, status, priority, requester_id, assignee_id,"
          + " team_id, tags, custom_fields, version, created_at, updated_at, first_response_due_at, resolution_due_at,"
          + " ai_status, request_id, transaction_id, search) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " jsonb_object(?::text[], ?::text[]), ?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('english', ? || ' ' || ?))";

  /**
   * Inserts the ticket together with its "created" history entry and its pending AI job, in one
   * statement (one round trip instead of three).
   */
  @Override
  public void insertNew(TicketState t, String requestKey, Actor creator) {
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
      UUID jobId = AiJobStore.newJob(tx, t.id, t.version);
      int i = bindInsert(c, ps, t, requestKey);
      ps.setObject(i++, UUID.randomUUID());
      ps.setInt(i++, creator.kind().number());
      ps.setString(i++, creator.id());
      ps.setString(i++, creator.displayName());
      setInstant(ps, i++, tx.now());
      ps.setInt(i++, ChangeKind.CREATED.number());
      ps.setObject(i++, jobId);
      ps.setLong(i++, t.version);
      setInstant(ps, i, tx.now());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  private int bindInsert(Connection c, PreparedStatement ps, TicketState t, String requestKey)
      throws SQLException {
    int i = 1;
    ps.setObject(i++, tx.tenant());
    ps.setObject(i++, UUID.fromString(t.id));
    if (t.number == 0) {
      ps.setNull(i++, Types.BIGINT);
    } else {
      ps.setLong(i++, t.number);
    }
    ps.setString(i++, t.subject);
    ps.setString(i++, t.body);
    ps.setInt(i++, t.status.number());
    ps.setInt(i++, t.priority.number());
    ps.setObject(i++, UUID.fromString(t.requesterId));
    setUuid(ps, i++, t.assigneeId);
    setUuid(ps, i++, t.teamId);
    ps.setArray(i++, c.createArrayOf("text", t.tags.toArray()));
    i = bindFields(c, ps, i, t.customFields);
    ps.setLong(i++, t.version);
    setInstant(ps, i++, t.createdAt);
    setInstant(ps, i++, t.updatedAt);
    setInstant(ps, i++, t.firstResponseDueAt);
    setInstant(ps, i++, t.resolutionDueAt);
    ps.setInt(i++, t.aiStatus.number());
    ps.setString(i++, requestKey == null || requestKey.isEmpty() ? null : requestKey);
    setUuid(ps, i++, t.transactionId);
    ps.setString(i++, t.subject);
    ps.setString(i++, t.body);
    return i;
  }

  @Override
  public void update(TicketState t, String publicText) {
    update(t, publicText, false);
  }

  @Override
  public void updateWithNewSubject(TicketState t) {
    update(t, null, true);
  }

  private void update(TicketState t, String extraSearch, boolean rebuildSearch) {
    Connection c = tx.connection();
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
      ps.setString(i++, t.subject);
      ps.setInt(i++, t.status.number());
      ps.setInt(i++, t.priority.number());
      setUuid(ps, i++, t.assigneeId);
      setUuid(ps, i++, t.teamId);
      ps.setArray(i++, c.createArrayOf("text", t.tags.toArray()));
      i = bindFields(c, ps, i, t.customFields);
      ps.setLong(i++, t.version);
      setInstant(ps, i++, t.updatedAt);
      setInstant(ps, i++, t.firstResponseDueAt);
      setInstant(ps, i++, t.resolutionDueAt);
      if (t.resolutionRemainingMs == null) {
        ps.setNull(i++, Types.BIGINT);
      } else {
        ps.setLong(i++, t.resolutionRemainingMs);
      }
      setInstant(ps, i++, t.firstRespondedAt);
      setInstant(ps, i++, t.solvedAt);
      setInstant(ps, i++, t.closedAt);
      ps.setBoolean(i++, t.firstResponseBreached);
      ps.setBoolean(i++, t.resolutionBreached);
      ps.setInt(i++, t.aiStatus.number());
      ps.setString(i++, t.aiSummary);
      ps.setString(i++, t.aiCategory);
      ps.setInt(i++, t.aiSentiment.number());
      setUuid(ps, i++, t.latestSuggestionId);
      ps.setInt(i++, t.commentCount);
      ps.setInt(i++, t.publicCommentCount);
      ps.setBoolean(i++, rebuildSearch);
      ps.setString(i++, t.subject);
      ps.setInt(i++, CommentScope.PUBLIC.number());
      String extra = extraSearch == null ? "" : extraSearch;
      ps.setString(i++, extra);
      ps.setString(i++, extra);
      ps.setObject(i, UUID.fromString(t.id));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public Page list(TicketQuery query, UUID requester) {
    return new TicketListStore(tx).list(query, requester);
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
