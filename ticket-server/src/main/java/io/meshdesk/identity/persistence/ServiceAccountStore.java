package io.meshdesk.identity.persistence;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.ServiceAccount;
import io.meshdesk.identity.service.ServiceAccounts;
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
final class ServiceAccountStore extends JdbcStore implements ServiceAccounts {

  private static final String COLS =
      "id, tenant_id, client_id, name, description, grants, created_at, created_by_kind, created_by_id, created_by_name,"
          + " last_used_at, revoked_at";

  ServiceAccountStore(Connection connection) {
    super(connection);
  }

  /** Inserts; false when the name is taken in the scope. */
  @Override
  public boolean insert(ServiceAccount a, String secretHash) {
    return sql(
        c ->
            Sql.update(
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
                == 1);
  }

  /** By client id, with the hash (visible only in the matching scope). */
  @Override
  public Optional<WithHash> findByClientId(String clientId) {
    return sql(
        c ->
            Sql.one(
                c,
                rs -> new WithHash(map(rs), rs.getString("secret_hash")),
                "select "
                    + COLS
                    + ", secret_hash from identity.service_account where client_id = ?",
                clientId));
  }

  /** By id within the scope; platform scope sees only platform accounts. */
  @Override
  public Optional<ServiceAccount> find(UUID id, boolean platform) {
    return sql(
        c ->
            Sql.one(
                c,
                ServiceAccountStore::map,
                "select "
                    + COLS
                    + " from identity.service_account where id = ? and (tenant_id is null) = ?",
                id,
                platform));
  }

  /** Accounts of the scope by name. */
  @Override
  public List<ServiceAccount> list(
      boolean platform, boolean includeRevoked, int offset, int limit) {
    return sql(
        c ->
            Sql.list(
                c,
                ServiceAccountStore::map,
                "select "
                    + COLS
                    + " from identity.service_account where (tenant_id is null) = ?"
                    + (includeRevoked ? "" : " and revoked_at is null")
                    + " order by name, id offset ? limit ?",
                platform,
                offset,
                limit));
  }

  /** Revokes (idempotent); returns the account. */
  @Override
  public Optional<ServiceAccount> revoke(UUID id, boolean platform, Instant at) {
    sql(
        c ->
            Sql.update(
                c,
                "update identity.service_account set revoked_at = coalesce(revoked_at, ?) where id = ?",
                at,
                id));
    return find(id, platform);
  }

  /** Records a token grant. */
  @Override
  public void touch(UUID id, Instant at) {
    sql(
        c ->
            Sql.update(
                c, "update identity.service_account set last_used_at = ? where id = ?", at, id));
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
