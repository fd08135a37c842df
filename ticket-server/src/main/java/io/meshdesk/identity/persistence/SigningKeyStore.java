package io.meshdesk.identity.persistence;

import io.meshdesk.identity.service.SigningKeyRing;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code identity.signing_key}, {@code identity.local_secret} and {@code
 * identity.bootstrap_token}.
 */
final class SigningKeyStore extends JdbcStore implements SigningKeyRing {

  private static final String COLS =
      "kid, public_jwk, private_key, encryption, status, created_at, expires_at";

  SigningKeyStore(Connection connection) {
    super(connection);
  }

  /** Keys that still verify at {@code now}, newest first. */
  @Override
  public List<StoredKey> live(Instant now) {
    return sql(
        c ->
            Sql.list(
                c,
                SigningKeyStore::map,
                "select "
                    + COLS
                    + " from identity.signing_key where expires_at is null or expires_at > ? order by created_at desc",
                now));
  }

  /** The active key, locked (rotation serializes on it). */
  @Override
  public Optional<StoredKey> lockActive() {
    return sql(
        c ->
            Sql.one(
                c,
                SigningKeyStore::map,
                "select "
                    + COLS
                    + " from identity.signing_key where status = 'active' for update"));
  }

  /** Demotes the active key to verify-only until {@code expiresAt}. */
  @Override
  public void retireActive(Instant expiresAt) {
    sql(
        c ->
            Sql.update(
                c,
                "update identity.signing_key set status = 'verify_only', expires_at = ? where status = 'active'",
                expiresAt));
  }

  /** Inserts a new active key. */
  @Override
  public void insertActive(StoredKey r) {
    sql(
        c ->
            Sql.update(
                c,
                "insert into identity.signing_key (kid, alg, public_jwk, private_key, encryption, status, created_at)"
                    + " values (?, 'ES256', ?, ?, ?, 'active', ?)",
                r.kid(),
                r.publicJwk(),
                r.privateKey(),
                r.encryption(),
                r.createdAt()));
  }

  /**
   * A named local secret, inserting {@code candidate} first if there is none (first writer wins).
   */
  @Override
  public String localSecret(String name, String candidate, Instant now) {
    return sql(
        c -> {
          Sql.update(
              c,
              "insert into identity.local_secret (name, value, created_at) values (?, ?, ?) on conflict (name) do nothing",
              name,
              candidate,
              now);
          return Sql.one(
                  c,
                  rs -> rs.getString(1),
                  "select value from identity.local_secret where name = ?",
                  name)
              .orElseThrow();
        });
  }

  /**
   * Stores the bootstrap token hash: replaces it when {@code replace}, else only if none; true if
   * written.
   */
  @Override
  public boolean putBootstrap(String hash, boolean replace, Instant now) {
    return sql(
        c -> {
          String conflict =
              replace ? "do update set token_hash = excluded.token_hash" : "do nothing";
          return Sql.update(
                  c,
                  "insert into identity.bootstrap_token (id, token_hash, created_at) values (1, ?, ?) on conflict (id) "
                      + conflict,
                  hash,
                  now)
              == 1;
        });
  }

  /** The unused bootstrap token hash, locked. */
  @Override
  public Optional<String> lockBootstrap() {
    return sql(
        c ->
            Sql.one(
                c,
                rs -> rs.getString(1),
                "select token_hash from identity.bootstrap_token where id = 1 and used_at is null for update"));
  }

  /** Marks the bootstrap token used. */
  @Override
  public void useBootstrap(Instant at) {
    sql(c -> Sql.update(c, "update identity.bootstrap_token set used_at = ? where id = 1", at));
  }

  private static StoredKey map(ResultSet rs) throws SQLException {
    return new StoredKey(
        rs.getString("kid"),
        rs.getString("public_jwk"),
        rs.getString("private_key"),
        rs.getString("encryption"),
        "active".equals(rs.getString("status")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "expires_at"));
  }
}
