package io.meshdesk.ticket.domain;

import io.meshdesk.platform.auth.Role;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the ticket context needs to know about users, owned by identity: whether an id names an
 * active user with one of some roles, the name to show, and team membership.
 */
public interface UserDirectory {

  /** Whether {@code userId} is an active user of {@code tenant} holding one of {@code roles}. */
  boolean exists(UUID tenant, UUID userId, Set<Role> roles);

  /** The name to show for a user; empty when unknown. */
  String displayName(UUID tenant, UUID userId);

  /** Active agents (and managers/admins) belonging to a team, in a stable order. */
  List<UUID> teamMembers(UUID tenant, UUID teamId);
}
