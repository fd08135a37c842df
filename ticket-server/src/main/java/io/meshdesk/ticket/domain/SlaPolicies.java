package io.meshdesk.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where a tenant's SLA policy is kept; each call is its own transaction in the tenant. */
public interface SlaPolicies {

  /** The tenant's policy ({@link SlaPolicy#unset()} when never set). */
  SlaPolicy current(UUID tenant);

  /**
   * Replaces all targets and bumps the version, serialised against concurrent replacements; returns
   * the policy as stored.
   */
  SlaPolicy replace(UUID tenant, List<SlaTarget> targets, Actor by, Instant at);
}
