package io.meshdesk.ai.worker;

import java.util.UUID;

/**
 * Supplies the worker's service-account access token for one tenant (grants {@code
 * suggestions.write} and {@code tickets.read}). Production wires IdentityService.IssueServiceToken
 * behind it, with caching until shortly before expiry; tests mint tokens directly.
 */
@FunctionalInterface
public interface TokenProvider {

  /** A current bearer token acting in {@code tenantId}. */
  String tokenFor(UUID tenantId);
}
