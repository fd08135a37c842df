package io.meshdesk.identity.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A non-human client; {@code tenantId} null for platform service accounts. */
public record ServiceAccount(
    UUID id,
    UUID tenantId,
    String clientId,
    String name,
    String description,
    Set<String> grants,
    Instant createdAt,
    Actor createdBy,
    Instant lastUsedAt,
    Instant revokedAt) {

  public ServiceAccount {
    grants = Set.copyOf(grants);
  }

  /** True for a platform service account. */
  public boolean platform() {
    return tenantId == null;
  }
}
