package io.meshdesk.ticket.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The per-tenant counter row. Incrementing it locks the row until commit, so a second transaction
 * of the same tenant waits: sequence numbers are handed out, and become visible, in commit order,
 * without gaps (a rolled-back increment is undone with its transaction).
 */
public final class Counters {

  private Counters() {}

  /**
   * Next ticket number and next event sequence, also written to the new ticket {@code ticketId}, in
   * one statement taken last in the creating transaction so the counter row stays locked only until
   * the imminent commit.
   */
  public static long[] nextNumberAndSequence(Connection c, UUID tenant, UUID ticketId) throws SQLException {
    long[] out = new long[2];
    // One statement takes both numbers and writes the ticket's number (inserted earlier, unnumbered).
    try (PreparedStatement ps =
        c.prepareStatement(
            "with n as (insert into ticket.tenant_counters (tenant_id, last_sequence, last_ticket_number) values (?, 1, 1)"
                + " on conflict (tenant_id) do update set last_sequence = ticket.tenant_counters.last_sequence + 1,"
                + " last_ticket_number = ticket.tenant_counters.last_ticket_number + 1 returning last_ticket_number, last_sequence),"
                + " u as (update ticket.tickets t set number = n.last_ticket_number from n where t.id = ?)"
                + " select last_ticket_number, last_sequence from n")) {
      ps.setObject(1, tenant);
      ps.setObject(2, ticketId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        out[0] = rs.getLong(1);
        out[1] = rs.getLong(2);
      }
    }
    if (out[0] == 1) {
      try (PreparedStatement ps =
          c.prepareStatement("insert into ticket.sweep_tenants (tenant_id) values (?) on conflict do nothing")) {
        ps.setObject(1, tenant);
        ps.executeUpdate();
      }
    }
    return out;
  }

  /** Next event sequence of the tenant (locks the counter row until commit). */
  public static long nextSequence(Connection c, UUID tenant) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into ticket.tenant_counters (tenant_id, last_sequence) values (?, 1) on conflict (tenant_id)"
                + " do update set last_sequence = ticket.tenant_counters.last_sequence + 1 returning last_sequence")) {
      ps.setObject(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The latest committed sequence of the tenant (0 when none). */
  public static long latestSequence(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select last_sequence from ticket.tenant_counters");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Tenants with ticket data (for the cross-tenant sweepers). */
  public static List<UUID> sweepTenants(Connection c) throws SQLException {
    List<UUID> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select tenant_id from ticket.sweep_tenants");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getObject(1, UUID.class));
      }
    }
    return out;
  }
}
