package io.meshdesk.identity.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored signing keys (private keys sealed), the database-kept sealing key and the one-time
 * bootstrap token, in one transaction.
 */
public interface SigningKeyRing {

  /** A stored key; {@code privateKey} is sealed. */
  record StoredKey(
      String kid,
      String publicJwk,
      String privateKey,
      String encryption,
      boolean active,
      Instant createdAt,
      Instant expiresAt) {}

  /** Keys that still verify at {@code now}, newest first. */
  List<StoredKey> live(Instant now);

  /** The active key, locked (rotation serializes on it). */
  Optional<StoredKey> lockActive();

  /** Demotes the active key to verify-only until {@code expiresAt}. */
  void retireActive(Instant expiresAt);

  /** Inserts a new active key. */
  void insertActive(StoredKey key);

  /** A named local secret, inserting {@code candidate} first if there is none. */
  String localSecret(String name, String candidate, Instant now);

  /** Stores the bootstrap token hash (replacing it when {@code replace}); true if written. */
  boolean putBootstrap(String hash, boolean replace, Instant now);

  /** The unused bootstrap token hash, locked. */
  Optional<String> lockBootstrap();

  /** Marks the bootstrap token used. */
  void useBootstrap(Instant at);
}
