package io.meshdesk.ticket.domain;

import java.util.UUID;

/** Counts a tenant's ticket queues. */
public interface Queues {

  /** The tenant's queue counters as {@code caller} sees them ("mine" is theirs). */
  QueueCounts counts(UUID tenant, UUID caller);
}
