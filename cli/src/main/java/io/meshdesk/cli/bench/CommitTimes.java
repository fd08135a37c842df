package io.meshdesk.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * When each ticket event's transaction committed, read from PostgreSQL itself ({@code
 * track_commit_timestamp}, on in the embedded server): the creating transaction's commit time of
 * every outbox sequence, taken from the ticket's first history row, which is never updated (the
 * outbox row is, when it is marked published, and would report that later commit).
 */
final class CommitTimes {

  private CommitTimes() {}

  /** Commit time in epoch microseconds of each sequence of {@code tenant} in [from, to]. */
  static Map<Long, Long> bySequence(
      int postgresPort, String database, UUID tenant, long from, long to) throws SQLException {
    Map<Long, Long> out = new HashMap<>();
    String sql =
        """
        select o.sequence,
               (extract(epoch from pg_xact_commit_timestamp(h.xmin)) * 1000000)::bigint
          from ticket.outbox o
          join lateral (select xmin from ticket.history h
                         where h.tenant_id = o.tenant_id and h.ticket_id = o.ticket_id
                         order by h.position limit 1) h on true
         where o.tenant_id = ? and o.sequence between ? and ?""";
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database,
                "postgres",
                "postgres");
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, tenant);
      ps.setLong(2, from);
      ps.setLong(3, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long micros = rs.getLong(2);
          if (!rs.wasNull()) {
            out.put(rs.getLong(1), micros);
          }
        }
      }
    }
    return out;
  }
}
