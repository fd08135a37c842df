package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.domain.UserDirectory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@link UserDirectory} over identity's {@code identity.app_user} table (read only: id,
 * display_name, role, status, team_ids), inside the tenant so row-level security applies.
 */
public final class JdbcUserDirectory implements UserDirectory {

  private final Transactions tx;

  public JdbcUserDirectory(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public boolean exists(UUID tenant, UUID userId, Set<Role> roles) {
    String[] claims = roles.stream().map(Role::claim).toArray(String[]::new);
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select 1 from identity.app_user where id = ? and status = 'active' and role = any(?)")) {
            ps.setObject(1, userId);
            ps.setArray(2, c.createArrayOf("text", claims));
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  @Override
  public String displayName(UUID tenant, UUID userId) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select display_name from identity.app_user where id = ?")) {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString(1) : "";
            }
          }
        });
  }

  @Override
  public List<UUID> teamMembers(UUID tenant, UUID teamId) {
    return tx.inTenant(
        tenant,
        c -> {
          List<UUID> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select id from identity.app_user where ? = any(team_ids) and status = 'active' and role <> 'customer' order by id")) {
            ps.setObject(1, teamId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
              }
            }
          }
          return out;
        });
  }
}
