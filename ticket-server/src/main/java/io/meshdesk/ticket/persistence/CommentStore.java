package io.meshdesk.ticket.persistence;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.proto.ProtoTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Comment rows. */
public final class CommentStore {

  private CommentStore() {}

  /** Inserts a comment. */
  public static void insert(TicketTx tx, Comment c, String requestId) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "insert into ticket.comments (tenant_id, id, ticket_id, author_kind, author_id, author_name, body, visibility,"
                    + " suggestion_id, request_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, tx.tenant());
      ps.setObject(2, UUID.fromString(c.getId()));
      ps.setObject(3, UUID.fromString(c.getTicketId()));
      ps.setInt(4, c.getAuthor().getKindValue());
      ps.setString(5, c.getAuthor().getId());
      ps.setString(6, c.getAuthor().getDisplayName());
      ps.setString(7, c.getBody());
      ps.setInt(8, c.getVisibilityValue());
      Sql.setUuid(ps, 9, c.getSuggestionId());
      ps.setString(10, requestId == null || requestId.isEmpty() ? null : requestId);
      Sql.setInstant(ps, 11, tx.now());
      ps.executeUpdate();
    }
  }

  /** The comment added to a ticket with a request id. */
  public static Optional<Comment> findByRequestId(Connection c, UUID ticketId, String requestId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select * from ticket.comments where ticket_id = ? and request_id = ?")) {
      ps.setObject(1, ticketId);
      ps.setString(2, requestId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  /** Comments of a ticket after a position, oldest first; {@code visibility} 0 for all. */
  public static List<HistoryStore.Positioned<Comment>> list(
      Connection c, UUID ticketId, int visibility, long after, int limit) throws SQLException {
    List<HistoryStore.Positioned<Comment>> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select * from ticket.comments where ticket_id = ? and (? = 0 or visibility = ?) and position > ?"
                + " order by position limit ?")) {
      ps.setObject(1, ticketId);
      ps.setInt(2, visibility);
      ps.setInt(3, visibility);
      ps.setLong(4, after);
      ps.setInt(5, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new HistoryStore.Positioned<>(rs.getLong("position"), map(rs)));
        }
      }
    }
    return out;
  }

  private static Comment map(ResultSet rs) throws SQLException {
    return Comment.newBuilder()
        .setId(rs.getString("id"))
        .setTicketId(rs.getString("ticket_id"))
        .setAuthor(
            Actor.newBuilder()
                .setKind(ActorKind.forNumber(rs.getInt("author_kind")))
                .setId(rs.getString("author_id"))
                .setDisplayName(rs.getString("author_name")))
        .setBody(rs.getString("body"))
        .setVisibility(CommentVisibility.forNumber(rs.getInt("visibility")))
        .setSuggestionId(Sql.uuidString(rs, "suggestion_id"))
        .setCreatedAt(ProtoTime.timestamp(Sql.instant(rs, "created_at")))
        .build();
  }
}
