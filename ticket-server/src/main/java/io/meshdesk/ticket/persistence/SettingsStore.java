package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaTargets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Teams and SLA targets as ticket writes read them: plain SQL in the caller's transaction, because
 * every ticket created or re-prioritised reads them. Their admin side is on Hibernate ({@link
 * TeamStore}, {@link SlaPolicyStore}), over the session factory {@link #orm} builds.
 */
public final class SettingsStore {

  private SettingsStore() {}

  /** Hibernate over {@code dataSource} with the entities of teams and SLA policies. */
  public static Hibernate orm(DataSource dataSource) {
    return new Hibernate(
        dataSource, List.of(TeamEntity.class, SlaPolicyEntity.class, SlaTargetEntity.class));
  }

  /** The current tenant's SLA targets. */
  public static SlaTargets targets(Connection c) throws SQLException {
    Map<Priority, SlaTargets.Target> m = new EnumMap<>(Priority.class);
    try (PreparedStatement ps =
            c.prepareStatement(
                "select priority, first_response_seconds, resolution_seconds from ticket.sla_targets");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        m.put(
            Priority.ofNumber(rs.getInt(1)),
            new SlaTargets.Target(
                java.time.Duration.ofSeconds(rs.getLong(2)),
                java.time.Duration.ofSeconds(rs.getLong(3))));
      }
    }
    return new SlaTargets(m);
  }

  /** Whether a team exists in the current tenant. */
  public static boolean teamExists(Connection c, String teamId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select 1 from ticket.teams where id = ?")) {
      ps.setObject(1, UUID.fromString(teamId));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
