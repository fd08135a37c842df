package io.meshdesk.ticket.persistence;

import com.google.protobuf.InvalidProtocolBufferException;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.ticket.domain.AiSuggestion;
import io.meshdesk.ticket.service.AiSuggestions;
import io.meshdesk.ticket.wire.SuggestionWire;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link AiSuggestions} in {@code ticket.suggestions}: each suggestion is stored whole as its
 * contract message (the form the AI worker sent and agents are shown), with its latest feedback
 * outcome in a column for counting.
 */
public final class SuggestionStore implements AiSuggestions {

  private final TicketTx tx;

  public SuggestionStore(TicketTx tx) {
    this.tx = tx;
  }

  @Override
  public boolean add(AiSuggestion s) {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "insert into ticket.suggestions (tenant_id, id, ticket_id, job_id, created_at, payload) values (?, ?, ?, ?, ?, ?)"
                    + " on conflict (tenant_id, job_id) do nothing")) {
      ps.setObject(1, tx.tenant());
      ps.setObject(2, UUID.fromString(s.id()));
      ps.setObject(3, UUID.fromString(s.ticketId()));
      ps.setObject(4, UUID.fromString(s.jobId()));
      Sql.setInstant(ps, 5, tx.now());
      ps.setBytes(6, SuggestionWire.suggestion(s).toByteArray());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public void saveFeedback(AiSuggestion s) {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "update ticket.suggestions set payload = ?, outcome = ? where id = ?")) {
      ps.setBytes(1, SuggestionWire.suggestion(s).toByteArray());
      ps.setInt(2, s.feedback().outcome().number());
      ps.setObject(3, UUID.fromString(s.id()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public Optional<AiSuggestion> find(String id) {
    return one(tx.connection(), "select payload from ticket.suggestions where id = ?", id);
  }

  @Override
  public Optional<AiSuggestion> byJob(String jobId) {
    return one(tx.connection(), "select payload from ticket.suggestions where job_id = ?", jobId);
  }

  private static Optional<AiSuggestion> one(Connection c, String sql, String id) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(SuggestionWire.suggestion(Suggestion.parseFrom(rs.getBytes(1))))
            : Optional.empty();
      }
    } catch (InvalidProtocolBufferException e) {
      throw new DataAccessException(new SQLException("corrupt suggestion payload", e));
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }
}
