package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.TicketCreated;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.persistence.RoutedEvent;
import io.meshdesk.ticket.persistence.TicketTx;
import io.meshdesk.ticket.wire.TicketWire;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The transactional outbox: events are written with the change they describe, in its transaction.
 */
public final class Outbox {

  private Outbox() {}

  /**
   * Appends an event about {@code after} (the ticket after the change) and takes the tenant's next
   * sequence for it, in one statement. Call it last in the transaction: the counter row stays
   * locked until commit.
   *
   * @param event the payload and actor; sequence, time, ticket id and version are filled in
   */
  public static RoutedEvent append(
      TicketTx tx,
      TicketState after,
      String previousAssigneeId,
      String previousTeamId,
      boolean staffOnly,
      TicketEvent.Builder event,
      boolean changesTicket)
      throws SQLException {
    stamp(tx, after, event, changesTicket);
    byte[] stored =
        envelope(tx, after, previousAssigneeId, previousTeamId, staffOnly, event.build(), 0)
            .toBytes();
    long seq;
    tx.enterSequenceGate();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "with n as (insert into ticket.tenant_counters as c (tenant_id, last_sequence) values (?, 1) on conflict (tenant_id)"
                    + " do update set last_sequence = c.last_sequence + 1 returning last_sequence)"
                    + " insert into ticket.outbox (tenant_id, sequence, ticket_id, occurred_at, envelope)"
                    + " select ?, n.last_sequence, ?, ?, ? from n returning sequence")) {
      ps.setObject(1, tx.tenant());
      ps.setObject(2, tx.tenant());
      ps.setObject(3, UUID.fromString(after.id));
      Sql.setInstant(ps, 4, tx.now());
      ps.setBytes(5, stored);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    event.setSequence(seq);
    RoutedEvent env =
        envelope(tx, after, previousAssigneeId, previousTeamId, staffOnly, event.build(), seq);
    tx.events().add(env);
    return env;
  }

  /**
   * Numbers the ticket {@code created} (inserted earlier in this transaction without a number),
   * appends its TicketCreated event and COMMITS, all in one round trip: the tenant's counter row is
   * locked only while PostgreSQL runs that statement and its commit, which is what lets one
   * tenant's creates run in parallel. Must be the transaction's last statement.
   *
   * @param event the actor; the payload, sequence, time and ticket fields are filled in
   */
  public static RoutedEvent appendCreatedAndCommit(
      TicketTx tx, TicketState created, String assigneeId, String teamId, TicketEvent.Builder event)
      throws SQLException {
    event.setTicketCreated(
        TicketCreated.newBuilder().setTicket(TicketWire.ticket(created.record())));
    stamp(tx, created, event, true);
    byte[] stored = envelope(tx, created, assigneeId, teamId, false, event.build(), 0).toBytes();
    long seq;
    long number;
    tx.enterSequenceGate();
    Transactions.committingInStatement();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "with n as (insert into ticket.tenant_counters as c (tenant_id, last_sequence, last_ticket_number) values (?, 1, 1)"
                    + " on conflict (tenant_id) do update set last_sequence = c.last_sequence + 1,"
                    + " last_ticket_number = c.last_ticket_number + 1 returning last_sequence, last_ticket_number),"
                    // A scalar subquery, not a join with n: a join planned while the table was
                    // empty
                    // (plans are cached per connection) scanned every ticket of the tenant per
                    // create.
                    + " u as (update ticket.tickets set number = (select last_ticket_number from n) where tenant_id = ? and id = ?),"
                    + " w as (insert into ticket.sweep_tenants (tenant_id) select ? from n where n.last_ticket_number = 1 on conflict do nothing),"
                    + " o as (insert into ticket.outbox (tenant_id, sequence, ticket_id, occurred_at, envelope, ticket_number)"
                    + " select ?, n.last_sequence, ?, ?, ?, n.last_ticket_number from n)"
                    + " select last_sequence, last_ticket_number from n"
                    + Transactions.COMMIT)) {
      UUID ticketId = UUID.fromString(created.id);
      ps.setObject(1, tx.tenant());
      ps.setObject(2, tx.tenant());
      ps.setObject(3, ticketId);
      ps.setObject(4, tx.tenant());
      ps.setObject(5, tx.tenant());
      ps.setObject(6, ticketId);
      Sql.setInstant(ps, 7, tx.now());
      ps.setBytes(8, stored);
      ps.execute();
      try (ResultSet rs = ps.getResultSet()) {
        rs.next();
        seq = rs.getLong(1);
        number = rs.getLong(2);
      }
    }
    created.number = number;
    event
        .setSequence(seq)
        .setTicketCreated(
            TicketCreated.newBuilder().setTicket(TicketWire.ticket(created.record())));
    RoutedEvent env = envelope(tx, created, assigneeId, teamId, false, event.build(), seq);
    tx.events().add(env);
    return env;
  }

  private static void stamp(
      TicketTx tx, TicketState after, TicketEvent.Builder event, boolean changesTicket) {
    event
        .setOccurredAt(ProtoTime.timestamp(tx.now()))
        .setTicketId(after.id)
        .setTicketVersion(changesTicket ? after.version : 0);
  }

  /**
   * The event's envelope. Stored bytes are built with sequence 0: they leave the sequence (and a
   * new ticket's number) to the row's columns, which are only known inside the statement that
   * writes the row.
   */
  private static RoutedEvent envelope(
      TicketTx tx,
      TicketState after,
      String previousAssigneeId,
      String previousTeamId,
      boolean staffOnly,
      TicketEvent event,
      long seq) {
    return new RoutedEvent(
        tx.tenant(),
        seq,
        after.requesterId,
        after.assigneeId,
        previousAssigneeId,
        after.teamId,
        previousTeamId,
        staffOnly,
        after.publicCommentCount,
        event);
  }

  /** An outbox row as stored: the columns are authoritative for sequence and ticket number. */
  private static RoutedEvent stored(ResultSet rs) throws SQLException {
    return RoutedEvent.fromBytes(rs.getBytes(3)).withStoredNumbers(rs.getLong(1), rs.getLong(2));
  }

  /**
   * Events of the current tenant with {@code after < sequence <= upTo}, in order, at most {@code
   * limit}.
   */
  public static List<RoutedEvent> read(Connection c, long after, long upTo, int limit)
      throws SQLException {
    List<RoutedEvent> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select sequence, coalesce(ticket_number, 0), envelope from ticket.outbox"
                + " where sequence > ? and sequence <= ? order by sequence limit ?")) {
      ps.setLong(1, after);
      ps.setLong(2, upTo);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(stored(rs));
        }
      }
    }
    return out;
  }

  /** Unpublished events of the current tenant older than {@code minAgeMillis}, in order. */
  public static List<RoutedEvent> unpublished(Connection c, long minAgeMillis, int limit)
      throws SQLException {
    List<RoutedEvent> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select sequence, coalesce(ticket_number, 0), envelope from ticket.outbox"
                + " where not published and occurred_at < now() - (? * interval '1 millisecond') order by sequence limit ?")) {
      ps.setLong(1, minAgeMillis);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(stored(rs));
        }
      }
    }
    return out;
  }

  /** Marks events of the current tenant as published. */
  public static void markPublished(Connection c, long[] sequences) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ticket.outbox set published = true where sequence = any(?) and not published")) {
      Long[] boxed = new Long[sequences.length];
      for (int i = 0; i < sequences.length; i++) {
        boxed[i] = sequences[i];
      }
      ps.setArray(1, c.createArrayOf("bigint", boxed));
      ps.executeUpdate();
    }
  }
}
