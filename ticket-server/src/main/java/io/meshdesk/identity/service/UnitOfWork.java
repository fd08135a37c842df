package io.meshdesk.identity.service;

import java.util.UUID;

/** The identity stores bound to one open transaction of {@link IdentityTransactions}. */
public interface UnitOfWork {

  /** Tenant users and platform admins. */
  Users users();

  /** Tenants. */
  Tenants tenants();

  /** The append-only audit trail. */
  AuditTrail audit();

  /** Refresh-token hashes and their families. */
  RefreshTokens refreshTokens();

  /** Service accounts. */
  ServiceAccounts serviceAccounts();

  /** Signing keys, the database-kept sealing key and the bootstrap token. */
  SigningKeyRing keys();

  /**
   * Scopes the rest of this transaction to {@code tenantId} (a platform transaction that has just
   * created the tenant writes its first rows) and returns the stores bound to that scope.
   */
  UnitOfWork enterTenant(UUID tenantId);
}
