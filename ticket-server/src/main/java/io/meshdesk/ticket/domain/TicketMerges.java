package io.meshdesk.ticket.domain;

import java.util.Optional;
import java.util.UUID;

/** The merges of one tenant, as seen inside one write transaction. */
public interface TicketMerges {

  /** The merge that closed {@code duplicateId}, if it was merged away. */
  Optional<TicketMerge> ofDuplicate(UUID duplicateId);

  /** The merge made with the stored idempotency key {@code requestKey}. */
  Optional<TicketMerge> byRequestKey(String requestKey);

  /** Records a merge. */
  void add(TicketMerge merge);
}
