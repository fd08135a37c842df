package io.meshdesk.identity.persistence;

import io.meshdesk.identity.domain.RefreshToken;
import io.meshdesk.identity.service.RefreshTokens;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code identity.refresh_token} (tenant scope, or platform scope for platform admins). */
final class RefreshTokenStore extends JdbcStore implements RefreshTokens {

  RefreshTokenStore(Connection connection) {
    super(connection);
  }

  /** Stores a new token hash. */
  @Override
  public void insert(
      UUID tenantId, String hash, UUID family, UUID subject, Instant issued, Instant expires) {
    sql(
        c ->
            Sql.update(
                c,
                "insert into identity.refresh_token (id, tenant_id, token_hash, family_id, subject_id, issued_at, expires_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID(),
                tenantId,
                hash,
                family,
                subject,
                issued,
                expires));
  }

  /** The token with this hash, locked for update. */
  @Override
  public Optional<RefreshToken> lockByHash(String hash) {
    return sql(
        c ->
            Sql.one(
                c,
                RefreshTokenStore::map,
                "select id, tenant_id, family_id, subject_id, expires_at, used_at, revoked from identity.refresh_token"
                    + " where token_hash = ? for update",
                hash));
  }

  /** Marks a token consumed by rotation. */
  @Override
  public void markUsed(UUID id, Instant at) {
    sql(c -> Sql.update(c, "update identity.refresh_token set used_at = ? where id = ?", at, id));
  }

  /** Revokes a whole family; returns how many live tokens it revoked. */
  @Override
  public int revokeFamily(UUID family) {
    return sql(
        c ->
            Sql.update(
                c,
                "update identity.refresh_token set revoked = true where family_id = ? and not revoked",
                family));
  }

  /** Revokes every token of a subject; returns how many live tokens it revoked. */
  @Override
  public int revokeSubject(UUID subject) {
    return sql(
        c ->
            Sql.update(
                c,
                "update identity.refresh_token set revoked = true where subject_id = ? and not revoked",
                subject));
  }

  private static RefreshToken map(ResultSet rs) throws SQLException {
    return new RefreshToken(
        Sql.uuid(rs, "id"),
        Sql.uuid(rs, "tenant_id"),
        Sql.uuid(rs, "family_id"),
        Sql.uuid(rs, "subject_id"),
        Sql.instant(rs, "expires_at"),
        Sql.instant(rs, "used_at"),
        rs.getBoolean("revoked"));
  }
}
