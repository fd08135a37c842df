package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.ServiceAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Service accounts of the current scope (a tenant's, or the platform's), in one transaction. */
public interface ServiceAccounts {

  /** An account and its secret hash. */
  record WithHash(ServiceAccount account, String secretHash) {}

  /** Inserts; false when the name is taken in the scope. */
  boolean insert(ServiceAccount account, String secretHash);

  /** By client id, with the hash (visible only in the matching scope). */
  Optional<WithHash> findByClientId(String clientId);

  /** By id within the scope; {@code platform} true finds only platform accounts. */
  Optional<ServiceAccount> find(UUID id, boolean platform);

  /** Accounts of the scope by name. */
  List<ServiceAccount> list(boolean platform, boolean includeRevoked, int offset, int limit);

  /** Revokes (idempotent); returns the account. */
  Optional<ServiceAccount> revoke(UUID id, boolean platform, Instant at);

  /** Records a token grant. */
  void touch(UUID id, Instant at);
}
