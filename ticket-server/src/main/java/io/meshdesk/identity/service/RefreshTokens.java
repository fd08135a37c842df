package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.RefreshToken;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens, kept as SHA-256 hashes in families, in one transaction. */
public interface RefreshTokens {

  /** Stores a new token hash. */
  void insert(
      UUID tenantId, String hash, UUID family, UUID subject, Instant issued, Instant expires);

  /** The token with this hash, locked until the transaction ends. */
  Optional<RefreshToken> lockByHash(String hash);

  /** Marks a token consumed by rotation. */
  void markUsed(UUID id, Instant at);

  /** Revokes a whole family; returns how many live tokens it revoked. */
  int revokeFamily(UUID family);

  /** Revokes every token of a subject; returns how many live tokens it revoked. */
  int revokeSubject(UUID subject);
}
