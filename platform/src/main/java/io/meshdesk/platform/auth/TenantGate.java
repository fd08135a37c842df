package io.meshdesk.platform.auth;

import java.util.UUID;

/**
 * Says whether a tenant may use the system right now. Suspending a tenant makes its otherwise valid
 * tokens fail at once, so implementations must see a suspension within a second or so.
 */
@FunctionalInterface
public interface TenantGate {

  /** True when the tenant exists and is active. */
  boolean isActive(UUID tenantId);

  /** A gate that lets every tenant in (tests of other concerns). */
  static TenantGate allowAll() {
    return tenant -> true;
  }
}
