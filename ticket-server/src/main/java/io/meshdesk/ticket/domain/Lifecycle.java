package io.meshdesk.ticket.domain;

import static io.meshdesk.ticket.domain.Status.CLOSED;
import static io.meshdesk.ticket.domain.Status.NEW;
import static io.meshdesk.ticket.domain.Status.OPEN;
import static io.meshdesk.ticket.domain.Status.PENDING;
import static io.meshdesk.ticket.domain.Status.SOLVED;

import io.meshdesk.platform.errors.FailedPreconditionException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ticket lifecycle: new → open → pending → solved → closed. Pending and solved tickets reopen;
 * closed is final.
 */
public final class Lifecycle {

  /** Reason code of an illegal status change. */
  public static final String ILLEGAL_TRANSITION = "ILLEGAL_TRANSITION";

  /** Reason code of any change to a closed ticket. */
  public static final String TICKET_CLOSED = "TICKET_CLOSED";

  private static final Map<Status, Set<Status>> NEXT =
      Map.of(
          NEW, EnumSet.of(OPEN, PENDING, SOLVED),
          OPEN, EnumSet.of(PENDING, SOLVED),
          PENDING, EnumSet.of(OPEN, SOLVED),
          SOLVED, EnumSet.of(OPEN, CLOSED),
          CLOSED, EnumSet.noneOf(Status.class));

  private Lifecycle() {}

  /** Whether {@code from → to} is allowed (staying in the same state is not a transition). */
  public static boolean allowed(Status from, Status to) {
    return NEXT.get(from).contains(to);
  }

  /** Fails with FAILED_PRECONDITION when {@code from → to} is not allowed. */
  public static void requireTransition(Status from, Status to) {
    requireNotClosed(from);
    if (from != to && !allowed(from, to)) {
      throw new FailedPreconditionException(
          ILLEGAL_TRANSITION, "a ticket cannot go from " + from + " to " + to);
    }
  }

  /** Fails with FAILED_PRECONDITION when the ticket is closed. */
  public static void requireNotClosed(Status status) {
    if (status == CLOSED) {
      throw new FailedPreconditionException(TICKET_CLOSED, "the ticket is closed; closed is final");
    }
  }

  /**
   * Status after a public comment: a requester's reply reopens a pending or solved ticket, the
   * support team's first public reply opens a new one.
   */
  public static Status afterPublicComment(Status status, boolean byRequester) {
    if (byRequester && (status == SOLVED || status == PENDING)) {
      return OPEN;
    }
    if (!byRequester && status == NEW) {
      return OPEN;
    }
    return status;
  }

  /** Whether the status counts as unsolved (queues, SLA). */
  public static boolean unsolved(Status status) {
    return status == NEW || status == OPEN || status == PENDING;
  }
}
