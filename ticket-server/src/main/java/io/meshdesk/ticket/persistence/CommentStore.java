package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ActorKind;
import io.meshdesk.ticket.domain.CommentScope;
import io.meshdesk.ticket.domain.Positioned;
import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.service.Comments;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link Comments} in {@code ticket.comments}, inside one tenant transaction. */
public final class CommentStore implements Comments {

  private final TicketTx tx;

  public CommentStore(TicketTx tx) {
    this.tx = tx;
  }

  @Override
  public void add(TicketComment c, String requestKey) {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "insert into ticket.comments (tenant_id, id, ticket_id, author_kind, author_id, author_name, body, visibility,"
                    + " suggestion_id, request_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, tx.tenant());
      ps.setObject(2, UUID.fromString(c.id()));
      ps.setObject(3, UUID.fromString(c.ticketId()));
      ps.setInt(4, c.author().kind().number());
      ps.setString(5, c.author().id());
      ps.setString(6, c.author().displayName());
      ps.setString(7, c.body());
      ps.setInt(8, (c.internal() ? CommentScope.INTERNAL : CommentScope.PUBLIC).number());
      Sql.setUuid(ps, 9, c.suggestionId());
      ps.setString(10, requestKey == null || requestKey.isEmpty() ? null : requestKey);
      Sql.setInstant(ps, 11, tx.now());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public Optional<TicketComment> byRequestKey(String ticketId, String requestKey) {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "select * from ticket.comments where ticket_id = ? and request_id = ?")) {
      ps.setObject(1, UUID.fromString(ticketId));
      ps.setString(2, requestKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public List<Positioned<TicketComment>> list(
      String ticketId, CommentScope scope, long after, int limit) {
    List<Positioned<TicketComment>> out = new ArrayList<>();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "select * from ticket.comments where ticket_id = ? and (? = 0 or visibility = ?) and position > ?"
                    + " order by position limit ?")) {
      ps.setObject(1, UUID.fromString(ticketId));
      ps.setInt(2, scope.number());
      ps.setInt(3, scope.number());
      ps.setLong(4, after);
      ps.setInt(5, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Positioned<>(rs.getLong("position"), map(rs)));
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
    return out;
  }

  private static TicketComment map(ResultSet rs) throws SQLException {
    return new TicketComment(
        rs.getString("id"),
        rs.getString("ticket_id"),
        new Actor(
            ActorKind.ofNumber(rs.getInt("author_kind")),
            rs.getString("author_id"),
            rs.getString("author_name")),
        rs.getString("body"),
        rs.getInt("visibility") == CommentScope.INTERNAL.number(),
        Sql.uuidString(rs, "suggestion_id"),
        Sql.instant(rs, "created_at"));
  }
}
