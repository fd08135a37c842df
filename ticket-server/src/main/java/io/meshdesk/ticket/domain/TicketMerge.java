package io.meshdesk.ticket.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A duplicate ticket merged into the ticket that survives. Final: a merge is never undone, and the
 * duplicate can be merged only once.
 *
 * @param duplicateId the ticket closed by the merge
 * @param targetId the ticket that survives
 * @param mergedBy the agent who merged them
 * @param mergedAt when
 * @param commentId the public comment that told the requester, on the surviving ticket
 * @param requestKey the caller's idempotency key as stored; empty for none
 */
public record TicketMerge(
    UUID duplicateId,
    UUID targetId,
    UUID mergedBy,
    Instant mergedAt,
    UUID commentId,
    String requestKey) {

  public TicketMerge {
    Objects.requireNonNull(duplicateId, "duplicateId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(mergedBy, "mergedBy");
    Objects.requireNonNull(mergedAt, "mergedAt");
    Objects.requireNonNull(commentId, "commentId");
    requestKey = requestKey == null ? "" : requestKey;
  }
}
