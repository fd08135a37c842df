package io.meshdesk.identity.persistence;

import io.meshdesk.identity.domain.User;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for tenant users ({@code identity.app_user}, row-level secured: run inside the tenant's
 * transaction) and platform admins ({@code identity.platform_admin}).
 */
public final class UserStore {

  private static final String COLS =
      "tenant_id, id, email, display_name, role, status, team_ids, created_at, updated_at, deactivated_at, last_login_at";
  private static final String ADMIN_COLS =
      "id, email, display_name, status, created_at, last_login_at";

  /** A user and its password hash (null when it cannot sign in). */
  public record WithHash(User user, String passwordHash) {}

  /** Inserts a tenant user; false when the email is taken in the tenant. */
  public boolean insert(Connection c, User u, String passwordHash) throws SQLException {
    return Sql.update(
            c,
            "insert into identity.app_user (tenant_id, id, email, display_name, role, status, password_hash, team_ids,"
                + " created_at, updated_at) values (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) on conflict (tenant_id, email) do nothing",
            u.tenantId(),
            u.id(),
            u.email(),
            u.displayName(),
            u.role().claim(),
            passwordHash,
            u.teamIds().toArray(UUID[]::new),
            u.createdAt(),
            u.updatedAt())
        == 1;
  }

  /** A tenant user by id (in the current tenant scope). */
  public Optional<User> find(Connection c, UUID id) throws SQLException {
    return Sql.one(
        c, UserStore::map, "select " + COLS + " from identity.app_user where id = ?", id);
  }

  /** A tenant user by email, with the hash. */
  public Optional<WithHash> findByEmail(Connection c, String email) throws SQLException {
    return Sql.one(
        c,
        rs -> new WithHash(map(rs), rs.getString("password_hash")),
        "select " + COLS + ", password_hash from identity.app_user where email = ?",
        email);
  }

  /** Users of the current tenant by display name, filtered. */
  public List<User> list(
      Connection c, Role role, Boolean active, UUID team, String query, int offset, int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder("select " + COLS + " from identity.app_user where true");
    List<Object> args = new ArrayList<>();
    if (role != null) {
      sql.append(" and role = ?");
      args.add(role.claim());
    }
    if (active != null) {
      sql.append(" and status = ?");
      args.add(active ? "active" : "deactivated");
    }
    if (team != null) {
      sql.append(" and ? = any(team_ids)");
      args.add(team);
    }
    if (query != null && !query.isEmpty()) {
      sql.append(" and (lower(email) like ? or lower(display_name) like ?)");
      String like =
          query
                  .toLowerCase(java.util.Locale.ROOT)
                  .replace("\\", "\\\\")
                  .replace("%", "\\%")
                  .replace("_", "\\_")
              + "%";
      args.add(like);
      args.add(like);
    }
    sql.append(" order by display_name, id offset ? limit ?");
    args.add(offset);
    args.add(limit);
    return Sql.list(c, UserStore::map, sql.toString(), args.toArray());
  }

  /** Updates role; returns the user. */
  public Optional<User> setRole(Connection c, UUID id, Role role, Instant at) throws SQLException {
    Sql.update(
        c,
        "update identity.app_user set role = ?, updated_at = ? where id = ?",
        role.claim(),
        at,
        id);
    return find(c, id);
  }

  /** Replaces teams; returns the user. */
  public Optional<User> setTeams(Connection c, UUID id, List<UUID> teams, Instant at)
      throws SQLException {
    Sql.update(
        c,
        "update identity.app_user set team_ids = ?, updated_at = ? where id = ?",
        teams.toArray(UUID[]::new),
        at,
        id);
    return find(c, id);
  }

  /** Deactivates; returns the user. */
  public Optional<User> deactivate(Connection c, UUID id, Instant at) throws SQLException {
    Sql.update(
        c,
        "update identity.app_user set status = 'deactivated', deactivated_at = ?, updated_at = ? where id = ?",
        at,
        at,
        id);
    return find(c, id);
  }

  /** Records a sign-in. */
  public void touchLogin(Connection c, UUID id, Instant at) throws SQLException {
    Sql.update(c, "update identity.app_user set last_login_at = ? where id = ?", at, id);
  }

  /** Inserts a platform admin. */
  public void insertAdmin(Connection c, User u, String passwordHash) throws SQLException {
    Sql.update(
        c,
        "insert into identity.platform_admin (id, email, display_name, password_hash, status, created_at) values (?, ?, ?, ?, 'active', ?)",
        u.id(),
        u.email(),
        u.displayName(),
        passwordHash,
        u.createdAt());
  }

  /** Whether any platform admin exists. */
  public boolean anyAdmin(Connection c) throws SQLException {
    return Sql.one(c, rs -> true, "select 1 from identity.platform_admin limit 1").isPresent();
  }

  /** A platform admin by email, with the hash. */
  public Optional<WithHash> findAdminByEmail(Connection c, String email) throws SQLException {
    return Sql.one(
        c,
        rs -> new WithHash(mapAdmin(rs), rs.getString("password_hash")),
        "select " + ADMIN_COLS + ", password_hash from identity.platform_admin where email = ?",
        email);
  }

  /** A platform admin by id. */
  public Optional<User> findAdmin(Connection c, UUID id) throws SQLException {
    return Sql.one(
        c,
        UserStore::mapAdmin,
        "select " + ADMIN_COLS + " from identity.platform_admin where id = ?",
        id);
  }

  /** Records a platform admin's sign-in. */
  public void touchAdminLogin(Connection c, UUID id, Instant at) throws SQLException {
    Sql.update(c, "update identity.platform_admin set last_login_at = ? where id = ?", at, id);
  }

  private static User map(ResultSet rs) throws SQLException {
    return new User(
        Sql.uuid(rs, "id"),
        Sql.uuid(rs, "tenant_id"),
        rs.getString("email"),
        rs.getString("display_name"),
        Role.fromClaim(rs.getString("role")),
        "active".equals(rs.getString("status")),
        Sql.uuids(rs, "team_ids"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "deactivated_at"),
        Sql.instant(rs, "last_login_at"));
  }

  private static User mapAdmin(ResultSet rs) throws SQLException {
    Instant created = Sql.instant(rs, "created_at");
    return new User(
        Sql.uuid(rs, "id"),
        null,
        rs.getString("email"),
        rs.getString("display_name"),
        Role.PLATFORM_ADMIN,
        "active".equals(rs.getString("status")),
        List.of(),
        created,
        created,
        null,
        Sql.instant(rs, "last_login_at"));
  }
}
