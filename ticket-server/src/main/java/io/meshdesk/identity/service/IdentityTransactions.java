package io.meshdesk.identity.service;

import java.util.UUID;

/**
 * Units of identity work, each in one database transaction and one scope: a tenant (row-level
 * security shows that tenant's rows), the platform (installation-level rows and every audit event),
 * or none (only the tables without tenant data). The work reaches the stores through the {@link
 * UnitOfWork} it is given; everything it writes commits together.
 */
public interface IdentityTransactions {

  /** Work in one transaction, given the stores bound to it. */
  @FunctionalInterface
  interface Work<T> {
    T run(UnitOfWork unit);
  }

  /** Work scoped to one tenant. */
  <T> T tenant(UUID tenantId, Work<T> work);

  /** Work in platform scope. */
  <T> T platform(Work<T> work);

  /** Work with no scope (tenants, platform admins, keys). */
  <T> T unscoped(Work<T> work);

  /** Work scoped to {@code tenantId}, or to the platform when it is null. */
  default <T> T scoped(UUID tenantId, Work<T> work) {
    return tenantId == null ? platform(work) : tenant(tenantId, work);
  }
}
