package io.meshdesk.ticket.domain;

import java.util.List;
import java.util.UUID;

/** Where a tenant's teams are kept; each call is its own transaction in the tenant. */
public interface Teams {

  /** Stores a new team; false (and nothing stored) when the tenant has a team of that name. */
  boolean create(UUID tenant, Team team);

  /** At most {@code limit} teams ordered by name, after {@code afterName} ({@code ""}: first). */
  List<Team> page(UUID tenant, String afterName, int limit);
}
