package io.meshdesk.ticket.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The per-tenant counter row. Incrementing it (done by {@code Outbox} in the statement that writes
 * the event) locks the row until commit, so a second transaction of the same tenant waits: sequence
 * numbers are handed out, and become visible, in commit order, without gaps (a rolled-back
 * increment is undone with its transaction).
 */
public final class CounterStore {

  private CounterStore() {}

  /** The latest committed sequence of the tenant (0 when none). */
  public static long latestSequence(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("select last_sequence from ticket.tenant_counters");
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
