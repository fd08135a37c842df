package io.meshdesk.ticket.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * Picks an agent for a new ticket routed to a team (round-robin among online agents), if enabled.
 */
public interface AutoAssigner {

  /** The agent to assign, or empty to leave the ticket unassigned. */
  Optional<UUID> pick(UUID tenant, UUID teamId);

  /** Never assigns. */
  static AutoAssigner off() {
    return (tenant, team) -> Optional.empty();
  }
}
