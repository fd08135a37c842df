package io.meshdesk.identity.persistence;

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
public final class SigningKeyStore {

  /** A stored key; {@code privateKey} is sealed. */
  public record Row(
      String kid,
      String publicJwk,
      String privateKey,
      String encryption,
      boolean active,
      Instant createdAt,
      Instant expiresAt) {}

  private static final String COLS =
      "kid, public_jwk, private_key, encryption, status, created_at, expires_at";

  /** Keys that still verify at {@code now}, newest first. */
  public List<Row> live(Connection c, Instant now) throws SQLException {
    return Sql.list(
        c,
        SigningKeyStore::map,
        "select "
            + COLS
            + " from identity.signing_key where expires_at is null or expires_at > ? order by created_at desc",
        now);
  }

  /** The active key, locked (rotation serializes on it). */
  public Optional<Row> lockActive(Connection c) throws SQLException {
    return Sql.one(
        c,
        SigningKeyStore::map,
        "select " + COLS + " from identity.signing_key where status = 'active' for update");
  }

  /** Demotes the active key to verify-only until {@code expiresAt}. */
  public void retireActive(Connection c, Instant expiresAt) throws SQLException {
    Sql.update(
        c,
        "update identity.signing_key set status = 'verify_only', expires_at = ? where status = 'active'",
        expiresAt);
  }

  /** Inserts a new active key. */
  public void insertActive(Connection c, Row r) throws SQLException {
    Sql.update(
        c,
        "insert into identity.signing_key (kid, alg, public_jwk, private_key, encryption, status, created_at)"
            + " values (?, 'ES256', ?, ?, ?, 'active', ?)",
        r.kid(),
        r.publicJwk(),
        r.privateKey(),
        r.encryption(),
        r.createdAt());
  }

  /**
   * A named local secret, inserting {@code candidate} first if there is none (first writer wins).
   */
  public String localSecret(Connection c, String name, String candidate, Instant now)
      throws SQLException {
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
  }

  /**
   * Stores the bootstrap token hash: replaces it when {@code replace}, else only if none; true if
   * written.
   */
  public boolean putBootstrap(Connection c, String hash, boolean replace, Instant now)
      throws SQLException {
    String conflict = replace ? "do update set token_hash = excluded.token_hash" : "do nothing";
    return Sql.update(
            c,
            "insert into identity.bootstrap_token (id, token_hash, created_at) values (1, ?, ?) on conflict (id) "
                + conflict,
            hash,
            now)
        == 1;
  }

  /** The unused bootstrap token hash, locked. */
  public Optional<String> lockBootstrap(Connection c) throws SQLException {
    return Sql.one(
        c,
        rs -> rs.getString(1),
        "select token_hash from identity.bootstrap_token where id = 1 and used_at is null for update");
  }

  /** Marks the bootstrap token used. */
  public void useBootstrap(Connection c, Instant at) throws SQLException {
    Sql.update(c, "update identity.bootstrap_token set used_at = ? where id = 1", at);
  }

  private static Row map(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("kid"),
        rs.getString("public_jwk"),
        rs.getString("private_key"),
        rs.getString("encryption"),
        "active".equals(rs.getString("status")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "expires_at"));
  }
}
