package io.meshdesk.ticket.persistence;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketHistoryEntry;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.proto.ProtoTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The append-only change history of tickets. */
public final class HistoryStore {

  private HistoryStore() {}

  /** Appends one entry. */
  public static void add(
      TicketTx tx,
      String ticketId,
      Actor actor,
      TicketChangeKind kind,
      String field,
      String oldValue,
      String newValue,
      long version)
      throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "insert into ticket.history (tenant_id, id, ticket_id, actor_kind, actor_id, actor_name, occurred_at, kind,"
                    + " field, old_value, new_value, ticket_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, tx.tenant());
      ps.setObject(2, UUID.randomUUID());
      ps.setObject(3, UUID.fromString(ticketId));
      ps.setInt(4, actor.getKindValue());
      ps.setString(5, actor.getId());
      ps.setString(6, actor.getDisplayName());
      Sql.setInstant(ps, 7, tx.now());
      ps.setInt(8, kind.getNumber());
      ps.setString(9, field);
      ps.setString(10, oldValue == null ? "" : oldValue);
      ps.setString(11, newValue == null ? "" : newValue);
      ps.setLong(12, version);
      ps.executeUpdate();
    }
  }

  /**
   * Entries of a ticket after position {@code after}, oldest first; returns entries with positions.
   */
  public static List<Positioned<TicketHistoryEntry>> list(
      Connection c, UUID ticketId, long after, int limit) throws SQLException {
    List<Positioned<TicketHistoryEntry>> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select * from ticket.history where ticket_id = ? and position > ? order by position limit ?")) {
      ps.setObject(1, ticketId);
      ps.setLong(2, after);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Positioned<>(
                  rs.getLong("position"),
                  TicketHistoryEntry.newBuilder()
                      .setId(rs.getString("id"))
                      .setActor(
                          Actor.newBuilder()
                              .setKind(ActorKind.forNumber(rs.getInt("actor_kind")))
                              .setId(rs.getString("actor_id"))
                              .setDisplayName(rs.getString("actor_name")))
                      .setOccurredAt(ProtoTime.timestamp(Sql.instant(rs, "occurred_at")))
                      .setKind(TicketChangeKind.forNumber(rs.getInt("kind")))
                      .setField(rs.getString("field"))
                      .setOldValue(rs.getString("old_value"))
                      .setNewValue(rs.getString("new_value"))
                      .setTicketVersion(rs.getLong("ticket_version"))
                      .build()));
        }
      }
    }
    return out;
  }

  /** A row with its keyset position. */
  public record Positioned<T>(long position, T value) {}
}
