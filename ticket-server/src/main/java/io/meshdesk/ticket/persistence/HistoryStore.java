package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ActorKind;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.HistoryEntry;
import io.meshdesk.ticket.domain.Positioned;
import io.meshdesk.ticket.service.History;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link History} in {@code ticket.history}, inside one tenant transaction. */
public final class HistoryStore implements History {

  private final TicketTx tx;

  public HistoryStore(TicketTx tx) {
    this.tx = tx;
  }

  @Override
  public void add(
      String ticketId,
      Actor actor,
      ChangeKind kind,
      String field,
      String oldValue,
      String newValue,
      long ticketVersion) {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "insert into ticket.history (tenant_id, id, ticket_id, actor_kind, actor_id, actor_name, occurred_at, kind,"
                    + " field, old_value, new_value, ticket_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, tx.tenant());
      ps.setObject(2, UUID.randomUUID());
      ps.setObject(3, UUID.fromString(ticketId));
      ps.setInt(4, actor.kind().number());
      ps.setString(5, actor.id());
      ps.setString(6, actor.displayName());
      Sql.setInstant(ps, 7, tx.now());
      ps.setInt(8, kind.number());
      ps.setString(9, field);
      ps.setString(10, oldValue == null ? "" : oldValue);
      ps.setString(11, newValue == null ? "" : newValue);
      ps.setLong(12, ticketVersion);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public List<Positioned<HistoryEntry>> list(String ticketId, long after, int limit) {
    List<Positioned<HistoryEntry>> out = new ArrayList<>();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "select * from ticket.history where ticket_id = ? and position > ? order by position limit ?")) {
      ps.setObject(1, UUID.fromString(ticketId));
      ps.setLong(2, after);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Positioned<>(
                  rs.getLong("position"),
                  new HistoryEntry(
                      rs.getString("id"),
                      new Actor(
                          ActorKind.ofNumber(rs.getInt("actor_kind")),
                          rs.getString("actor_id"),
                          rs.getString("actor_name")),
                      Sql.instant(rs, "occurred_at"),
                      ChangeKind.ofNumber(rs.getInt("kind")),
                      rs.getString("field"),
                      rs.getString("old_value"),
                      rs.getString("new_value"),
                      rs.getLong("ticket_version"))));
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
    return out;
  }
}
