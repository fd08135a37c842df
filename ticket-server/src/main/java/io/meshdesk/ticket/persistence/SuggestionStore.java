package io.meshdesk.ticket.persistence;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * AI suggestion rows: the suggestion is stored whole as its contract message (the form the AI
 * worker sent and agents are shown), with its latest feedback outcome in a column for counting.
 */
public final class SuggestionStore {

  private SuggestionStore() {}

  /** Inserts a suggestion; false when its job already has one (nothing is written then). */
  public static boolean insert(TicketTx tx, Suggestion sg) throws SQLException {
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
      return ps.executeUpdate() == 1;
    }
  }

  /** Replaces a suggestion with its version carrying feedback, and records the outcome. */
  public static void saveFeedback(Connection c, Suggestion updated) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("update ticket.suggestions set payload = ?, outcome = ? where id = ?")) {
      ps.setBytes(1, updated.toByteArray());
      ps.setInt(2, updated.getFeedback().getOutcomeValue());
      ps.setObject(3, UUID.fromString(updated.getId()));
      ps.executeUpdate();
    }
  }

  /** A suggestion by id. */
  public static Optional<Suggestion> find(Connection c, UUID id) throws SQLException {
    return one(c, "select payload from ticket.suggestions where id = ?", id);
  }

  /** The suggestion made for a job. */
  public static Optional<Suggestion> findByJob(Connection c, UUID jobId) throws SQLException {
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
}
