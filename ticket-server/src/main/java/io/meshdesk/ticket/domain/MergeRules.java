package io.meshdesk.ticket.domain;

import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import java.util.UUID;

/**
 * When a ticket may be merged into another: two different tickets of the same requester, neither
 * closed nor already merged away. A merge closes the duplicate whatever its open state was, so it
 * bypasses the ordinary lifecycle on purpose.
 */
public final class MergeRules {

  /** Reason code: a ticket was already merged into another. */
  public static final String ALREADY_MERGED = "ALREADY_MERGED";

  /** Reason code: the two tickets have different requesters. */
  public static final String OTHER_REQUESTER = "OTHER_REQUESTER";

  /**
   * One side of a merge as the rules see it.
   *
   * @param id the ticket
   * @param number its number, for messages
   * @param requesterId who asked
   * @param status its status
   * @param mergedAway whether it was already merged into another ticket
   */
  public record Side(UUID id, long number, UUID requesterId, Status status, boolean mergedAway) {}

  private MergeRules() {}

  /**
   * Fails unless {@code duplicate} may be merged into {@code target}: INVALID_ARGUMENT for the same
   * ticket twice, FAILED_PRECONDITION (naming the field at fault) for a closed or merged ticket or
   * another requester's.
   */
  public static void check(Side duplicate, Side target) {
    if (duplicate.id().equals(target.id())) {
      throw new InvalidArgumentException(
          "target_ticket_id", "a ticket cannot be merged into itself");
    }
    requireOpen("duplicate_ticket_id", duplicate);
    requireOpen("target_ticket_id", target);
    if (!duplicate.requesterId().equals(target.requesterId())) {
      throw new FailedPreconditionException(
          OTHER_REQUESTER,
          "target_ticket_id: ticket #"
              + target.number()
              + " belongs to another requester than #"
              + duplicate.number());
    }
  }

  /** The public comment the requester gets on the surviving ticket when none is given. */
  public static String defaultNotice(long duplicateNumber, long targetNumber) {
    return "Your request #"
        + duplicateNumber
        + " is about the same problem as #"
        + targetNumber
        + ", so we merged it into #"
        + targetNumber
        + " and will answer you here. Everything you wrote is kept.";
  }

  private static void requireOpen(String field, Side side) {
    if (side.mergedAway()) {
      throw new FailedPreconditionException(
          ALREADY_MERGED, field + ": ticket #" + side.number() + " is already merged");
    }
    if (side.status() == Status.CLOSED) {
      throw new FailedPreconditionException(
          Lifecycle.TICKET_CLOSED, field + ": ticket #" + side.number() + " is closed");
    }
  }
}
