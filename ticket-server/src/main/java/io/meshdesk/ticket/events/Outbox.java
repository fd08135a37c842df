package io.meshdesk.ticket.events;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.ticket.persistence.Counters;
import io.meshdesk.ticket.persistence.Sql;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.WriteTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The transactional outbox: events are written with the change they describe, in its transaction. */
public final class Outbox {

  private Outbox() {}

  /**
   * Appends an event about {@code after} (the ticket after the change). Takes the tenant's next
   * sequence, so call it last in the transaction: the counter row stays locked until commit.
   *
   * @param event the payload and actor; sequence, time, ticket id and version are filled in
   */
  public static EventEnvelope append(
      WriteTx tx, TicketState after, String previousAssigneeId, String previousTeamId, boolean staffOnly,
      TicketEvent.Builder event, boolean changesTicket) throws SQLException {
    return append(tx, after, previousAssigneeId, previousTeamId, staffOnly, event, changesTicket,
        Counters.nextSequence(tx.connection(), tx.tenant()));
  }

  /** As above with a sequence the caller already took from the counter row in this transaction. */
  public static EventEnvelope append(
      WriteTx tx, TicketState after, String previousAssigneeId, String previousTeamId, boolean staffOnly,
      TicketEvent.Builder event, boolean changesTicket, long seq) throws SQLException {
    var t = after.ticket;
    event
        .setSequence(seq)
        .setOccurredAt(Sql.ts(tx.now()))
        .setTicketId(t.getId())
        .setTicketVersion(changesTicket ? t.getVersion() : 0);
    EventEnvelope env =
        new EventEnvelope(
            tx.tenant(), seq, t.getRequesterId(), t.getAssigneeId(), previousAssigneeId, t.getTeamId(), previousTeamId,
            staffOnly, after.publicCommentCount, event.build());
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement("insert into ticket.outbox (tenant_id, sequence, ticket_id, occurred_at, envelope) values (?, ?, ?, ?, ?)")) {
      ps.setObject(1, tx.tenant());
      ps.setLong(2, seq);
      ps.setObject(3, UUID.fromString(t.getId()));
      Sql.setInstant(ps, 4, tx.now());
      ps.setBytes(5, env.toBytes());
      ps.executeUpdate();
    }
    tx.events().add(env);
    return env;
  }

  /** Events of the current tenant with {@code after < sequence <= upTo}, in order, at most {@code limit}. */
  public static List<EventEnvelope> read(Connection c, long after, long upTo, int limit) throws SQLException {
    List<EventEnvelope> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("select envelope from ticket.outbox where sequence > ? and sequence <= ? order by sequence limit ?")) {
      ps.setLong(1, after);
      ps.setLong(2, upTo);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(EventEnvelope.fromBytes(rs.getBytes(1)));
        }
      }
    }
    return out;
  }

  /** Unpublished events of the current tenant older than {@code minAgeMillis}, in order. */
  public static List<EventEnvelope> unpublished(Connection c, long minAgeMillis, int limit) throws SQLException {
    List<EventEnvelope> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select envelope from ticket.outbox where not published and occurred_at < now() - (? * interval '1 millisecond')"
                + " order by sequence limit ?")) {
      ps.setLong(1, minAgeMillis);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(EventEnvelope.fromBytes(rs.getBytes(1)));
        }
      }
    }
    return out;
  }

  /** Marks events of the current tenant as published. */
  public static void markPublished(Connection c, long[] sequences) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update ticket.outbox set published = true where sequence = any(?) and not published")) {
      Long[] boxed = new Long[sequences.length];
      for (int i = 0; i < sequences.length; i++) {
        boxed[i] = sequences[i];
      }
      ps.setArray(1, c.createArrayOf("bigint", boxed));
      ps.executeUpdate();
    }
  }
}
