package io.meshdesk.identity.persistence;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.ServiceAccount;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code identity.service_account} (run in the tenant's or the platform scope). */
public final class ServiceAccountStore {

  private static final String COLS =
      "id, tenant_id, client_id, name, description, grants, created_at, created_by_kind, created_by_id, created_by_name,"
          + " last_used_at, revoked_at";

  /** An account and its secret hash. */
  public record WithHash(ServiceAccount account, String secretHash) {}

  /** Inserts; false when the name is taken in the scope. */
  public boolean insert(Connection c, ServiceAccount a, String secretHash) throws SQLException {
    return Sql.update(
            c,
            "insert into identity.service_account (id, tenant_id, client_id, name, description, secret_hash, grants, created_at,"
                + " created_by_kind, created_by_id, created_by_name) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict do nothing",
            a.id(),
            a.tenantId(),
            a.clientId(),
            a.name(),
            a.description(),
            secretHash,
            a.grants().toArray(String[]::new),
            a.createdAt(),
            a.createdBy().kind().name(),
            a.createdBy().id(),
            a.createdBy().displayName())
        == 1;
  }

  /** By client id, with the hash (visible only in the matching scope). */
  public Optional<WithHash> findByClientId(Connection c, String clientId) throws SQLException {
    return Sql.one(
        c,
        rs -> new WithHash(map(rs), rs.getString("secret_hash")),
        "select " + COLS + ", secret_hash from identity.service_account where client_id = ?",
        clientId);
  }

  /** By id within the scope; platform scope sees only platform accounts. */
  public Optional<ServiceAccount> find(Connection c, UUID id, boolean platform)
      throws SQLException {
    return Sql.one(
        c,
        ServiceAccountStore::map,
        "select "
            + COLS
            + " from identity.service_account where id = ? and (tenant_id is null) = ?",
        id,
        platform);
  }

  /** Accounts of the scope by name. */
  public List<ServiceAccount> list(
      Connection c, boolean platform, boolean includeRevoked, int offset, int limit)
      throws SQLException {
    return Sql.list(
        c,
        ServiceAccountStore::map,
        "select "
            + COLS
            + " from identity.service_account where (tenant_id is null) = ?"
            + (includeRevoked ? "" : " and revoked_at is null")
            + " order by name, id offset ? limit ?",
        platform,
        offset,
        limit);
  }

  /** Revokes (idempotent); returns the account. */
  public Optional<ServiceAccount> revoke(Connection c, UUID id, boolean platform, Instant at)
      throws SQLException {
    Sql.update(
        c,
        "update identity.service_account set revoked_at = coalesce(revoked_at, ?) where id = ?",
        at,
        id);
    return find(c, id, platform);
  }

  /** Records a token grant. */
  public void touch(Connection c, UUID id, Instant at) throws SQLException {
    Sql.update(c, "update identity.service_account set last_used_at = ? where id = ?", at, id);
  }

  private static ServiceAccount map(ResultSet rs) throws SQLException {
    return new ServiceAccount(
        Sql.uuid(rs, "id"),
        Sql.uuid(rs, "tenant_id"),
        rs.getString("client_id"),
        rs.getString("name"),
        rs.getString("description"),
        new HashSet<>(Sql.strings(rs, "grants")),
        Sql.instant(rs, "created_at"),
        new Actor(
            Actor.Kind.valueOf(rs.getString("created_by_kind")),
            rs.getString("created_by_id"),
            rs.getString("created_by_name")),
        Sql.instant(rs, "last_used_at"),
        Sql.instant(rs, "revoked_at"));
  }
}
