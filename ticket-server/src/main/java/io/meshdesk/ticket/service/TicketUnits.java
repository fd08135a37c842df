package io.meshdesk.ticket.service;

import java.util.List;
import java.util.UUID;

/**
 * Units of ticket work, each in one database transaction scoped to a tenant. The work reaches the
 * stores through the {@link TicketUnit} it is given; everything it writes commits together, and the
 * events and AI jobs it produced go to Redis once it has committed.
 */
public interface TicketUnits {

  /** Work in one transaction, given the stores bound to it. */
  @FunctionalInterface
  interface Work<T> {
    T run(TicketUnit unit);
  }

  /** Work that writes. */
  <T> T write(UUID tenant, Work<T> work);

  /** Work that only reads. */
  <T> T read(UUID tenant, Work<T> work);

  /** The tenants that have ticket data (background checks visit each in turn). */
  List<UUID> tenants();

  /**
   * Whether a failed unit lost a race on an idempotency key (a concurrent retry with the same
   * request id committed first).
   */
  boolean isDuplicateKey(RuntimeException e);
}
