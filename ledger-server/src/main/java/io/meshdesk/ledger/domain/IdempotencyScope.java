package io.meshdesk.ledger.domain;

import java.util.UUID;

/**
 * Idempotency keys belong to the caller that chose them: the ledger stores a client's key under the
 * caller's principal id, so two callers of one tenant never share a key. A customer reusing another
 * customer's key gets an operation of their own and learns nothing about the other's.
 */
public final class IdempotencyScope {

  private static final int PREFIX = 37; // a UUID and the separator

  private IdempotencyScope() {}

  /** The stored form of {@code key} chosen by {@code caller}; an empty key stays empty (none). */
  public static String scoped(UUID caller, String key) {
    return key == null || key.isEmpty() ? key : caller + "/" + key;
  }

  /** The key as its caller chose it: the stored form without its caller prefix (if it has one). */
  public static String clientKey(String stored) {
    if (stored == null || stored.length() <= PREFIX || stored.charAt(PREFIX - 1) != '/') {
      return stored;
    }
    try {
      UUID.fromString(stored.substring(0, PREFIX - 1));
      return stored.substring(PREFIX);
    } catch (IllegalArgumentException notScoped) {
      return stored;
    }
  }
}
