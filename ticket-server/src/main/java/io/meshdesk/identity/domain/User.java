package io.meshdesk.identity.domain;

import io.meshdesk.platform.auth.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person of a tenant (tenantId set) or a platform admin (tenantId null). */
public record User(
    UUID id,
    UUID tenantId,
    String email,
    String displayName,
    Role role,
    boolean active,
    List<UUID> teamIds,
    Instant createdAt,
    Instant updatedAt,
    Instant deactivatedAt,
    Instant lastLoginAt) {

  public User {
    teamIds = teamIds == null ? List.of() : List.copyOf(teamIds);
  }
}
