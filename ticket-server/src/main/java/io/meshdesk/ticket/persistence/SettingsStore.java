package io.meshdesk.ticket.persistence;

import com.google.protobuf.Duration;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.ticket.v1.SlaPolicy;
import io.meshdesk.api.ticket.v1.SlaTarget;
import io.meshdesk.api.ticket.v1.Team;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaTargets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Teams and SLA policies. */
public final class SettingsStore {

  private SettingsStore() {}

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

  /** The current tenant's policy (version 0 when never set). */
  public static SlaPolicy policy(Connection c) throws SQLException {
    SlaPolicy.Builder b = SlaPolicy.newBuilder();
    try (PreparedStatement ps = c.prepareStatement("select * from ticket.sla_policies");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        b.setVersion(rs.getLong("version"))
            .setUpdatedAt(ProtoTime.timestamp(Sql.instant(rs, "updated_at")))
            .setUpdatedBy(
                Actor.newBuilder()
                    .setKind(ActorKind.forNumber(rs.getInt("updated_by_kind")))
                    .setId(rs.getString("updated_by_id"))
                    .setDisplayName(rs.getString("updated_by_name")));
      }
    }
    targets(c).byPriority().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.addTargets(
                    SlaTarget.newBuilder()
                        .setPriority(TicketPriority.forNumber(e.getKey().number()))
                        .setFirstResponse(
                            Duration.newBuilder()
                                .setSeconds(e.getValue().firstResponse().toSeconds()))
                        .setResolution(
                            Duration.newBuilder()
                                .setSeconds(e.getValue().resolution().toSeconds()))));
    return b.build();
  }

  /** Replaces the policy's targets and bumps its version. */
  public static void replacePolicy(WriteTx tx, List<SlaTarget> targets, Actor by)
      throws SQLException {
    Connection c = tx.connection();
    try (PreparedStatement ps = c.prepareStatement("delete from ticket.sla_targets")) {
      ps.executeUpdate();
    }
    for (SlaTarget t : targets) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into ticket.sla_targets (tenant_id, priority, first_response_seconds, resolution_seconds) values (?, ?, ?, ?)")) {
        ps.setObject(1, tx.tenant());
        ps.setInt(2, t.getPriorityValue());
        ps.setLong(3, t.getFirstResponse().getSeconds());
        ps.setLong(4, t.getResolution().getSeconds());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into ticket.sla_policies (tenant_id, version, updated_at, updated_by_kind, updated_by_id, updated_by_name)"
                + " values (?, 1, ?, ?, ?, ?) on conflict (tenant_id) do update set version = ticket.sla_policies.version + 1,"
                + " updated_at = excluded.updated_at, updated_by_kind = excluded.updated_by_kind,"
                + " updated_by_id = excluded.updated_by_id, updated_by_name = excluded.updated_by_name")) {
      ps.setObject(1, tx.tenant());
      Sql.setInstant(ps, 2, tx.now());
      ps.setInt(3, by.getKindValue());
      ps.setString(4, by.getId());
      ps.setString(5, by.getDisplayName());
      ps.executeUpdate();
    }
  }

  /** Inserts a team; false when the name is taken. */
  public static boolean insertTeam(WriteTx tx, Team team) throws SQLException {
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "insert into ticket.teams (tenant_id, id, name, description, created_at) values (?, ?, ?, ?, ?)"
                    + " on conflict (tenant_id, name) do nothing")) {
      ps.setObject(1, tx.tenant());
      ps.setObject(2, UUID.fromString(team.getId()));
      ps.setString(3, team.getName());
      ps.setString(4, team.getDescription());
      Sql.setInstant(ps, 5, tx.now());
      return ps.executeUpdate() == 1;
    }
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

  /** Teams ordered by name, after {@code afterName}. */
  public static List<Team> teams(Connection c, String afterName, int limit) throws SQLException {
    List<Team> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("select * from ticket.teams where name > ? order by name limit ?")) {
      ps.setString(1, afterName);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              Team.newBuilder()
                  .setId(rs.getString("id"))
                  .setName(rs.getString("name"))
                  .setDescription(rs.getString("description"))
                  .setCreatedAt(ProtoTime.timestamp(Sql.instant(rs, "created_at")))
                  .build());
        }
      }
    }
    return out;
  }
}
