package io.meshdesk.identity.persistence;

import io.meshdesk.identity.domain.Tenant;
import io.meshdesk.identity.service.Tenants;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code identity.tenant} (installation-level, no row-level security). */
final class TenantStore extends JdbcStore implements Tenants {

  private static final String COLS =
      "id, slug, display_name, time_zone, status, created_at, suspended_at, suspension_reason";

  TenantStore(Connection connection) {
    super(connection);
  }

  /** Inserts a tenant; returns false when the slug is taken. */
  @Override
  public boolean insert(Tenant t) {
    return sql(
        c ->
            Sql.update(
                    c,
                    "insert into identity.tenant (id, slug, display_name, time_zone, status, created_at) values (?, ?, ?, ?, 'active', ?)"
                        + " on conflict (slug) do nothing",
                    t.id(),
                    t.slug(),
                    t.displayName(),
                    t.timeZone(),
                    t.createdAt())
                == 1);
  }

  /** One tenant by id. */
  @Override
  public Optional<Tenant> find(UUID id) {
    return sql(
        c ->
            Sql.one(
                c, TenantStore::map, "select " + COLS + " from identity.tenant where id = ?", id));
  }

  /** One tenant by slug. */
  @Override
  public Optional<Tenant> findBySlug(String slug) {
    return sql(
        c ->
            Sql.one(
                c,
                TenantStore::map,
                "select " + COLS + " from identity.tenant where slug = ?",
                slug));
  }

  /** Tenants oldest first, optionally of one status. */
  @Override
  public List<Tenant> list(Boolean active, int offset, int limit) {
    return sql(
        c -> {
          String where =
              active == null ? "" : " where status = '" + (active ? "active" : "suspended") + "'";
          return Sql.list(
              c,
              TenantStore::map,
              "select "
                  + COLS
                  + " from identity.tenant"
                  + where
                  + " order by created_at, id offset ? limit ?",
              offset,
              limit);
        });
  }

  /** Sets the status; returns the updated tenant. */
  @Override
  public Optional<Tenant> setStatus(UUID id, boolean active, Instant at, String reason) {
    sql(
        c ->
            Sql.update(
                c,
                "update identity.tenant set status = ?, suspended_at = ?, suspension_reason = ? where id = ?",
                active ? "active" : "suspended",
                active ? null : at,
                active ? null : reason,
                id));
    return find(id);
  }

  private static Tenant map(ResultSet rs) throws SQLException {
    return new Tenant(
        Sql.uuid(rs, "id"),
        rs.getString("slug"),
        rs.getString("display_name"),
        rs.getString("time_zone"),
        "active".equals(rs.getString("status")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "suspended_at"),
        rs.getString("suspension_reason"));
  }
}
