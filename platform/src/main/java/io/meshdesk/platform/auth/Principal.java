package io.meshdesk.platform.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as proven by a verified access token.
 *
 * @param subject the user id or service-account id
 * @param tenantId the tenant the token is bound to; null only for platform admins (and platform
 *     service accounts before they pick a tenant)
 * @param role the principal's role
 * @param grants for service accounts, the permissions granted to them; empty for users
 * @param tokenId the token's {@code jti}
 * @param expiresAt when the token expires; null for principals not proven by a token (seeding)
 */
public record Principal(
    UUID subject, UUID tenantId, Role role, Set<String> grants, String tokenId, Instant expiresAt) {

  /** A principal without a token expiry (seeding, internal calls). */
  public Principal(UUID subject, UUID tenantId, Role role, Set<String> grants, String tokenId) {
    this(subject, tenantId, role, grants, tokenId, null);
  }

  public Principal {
    grants = grants == null ? Set.of() : Set.copyOf(grants);
  }

  /** The tenant, when the principal belongs to one. */
  public Optional<UUID> tenant() {
    return Optional.ofNullable(tenantId);
  }

  /** The tenant, or a PERMISSION_DENIED-mapped failure when the principal has none. */
  public UUID requireTenant() {
    if (tenantId == null) {
      throw new io.meshdesk.platform.errors.PermissionDeniedException(
          "this call needs a tenant-scoped principal");
    }
    return tenantId;
  }

  /** Whether this principal may do {@code permission} (role table, and grants for services). */
  public boolean can(String permission) {
    return Rbac.allows(this, permission);
  }
}
