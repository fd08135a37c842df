package io.meshdesk.ticket.domain;

import static io.meshdesk.api.ticket.v1.TicketStatus.TICKET_STATUS_CLOSED;
import static io.meshdesk.api.ticket.v1.TicketStatus.TICKET_STATUS_NEW;
import static io.meshdesk.api.ticket.v1.TicketStatus.TICKET_STATUS_OPEN;
import static io.meshdesk.api.ticket.v1.TicketStatus.TICKET_STATUS_PENDING;
import static io.meshdesk.api.ticket.v1.TicketStatus.TICKET_STATUS_SOLVED;

import io.meshdesk.api.ticket.v1.TicketStatus;
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

  private static final Map<TicketStatus, Set<TicketStatus>> NEXT =
      Map.of(
          TICKET_STATUS_NEW, EnumSet.of(TICKET_STATUS_OPEN, TICKET_STATUS_PENDING, TICKET_STATUS_SOLVED),
          TICKET_STATUS_OPEN, EnumSet.of(TICKET_STATUS_PENDING, TICKET_STATUS_SOLVED),
          TICKET_STATUS_PENDING, EnumSet.of(TICKET_STATUS_OPEN, TICKET_STATUS_SOLVED),
          TICKET_STATUS_SOLVED, EnumSet.of(TICKET_STATUS_OPEN, TICKET_STATUS_CLOSED),
          TICKET_STATUS_CLOSED, EnumSet.noneOf(TicketStatus.class));

  private Lifecycle() {}

  /** Whether {@code from → to} is allowed (staying in the same state is not a transition). */
  public static boolean allowed(TicketStatus from, TicketStatus to) {
    return NEXT.getOrDefault(from, Set.of()).contains(to);
  }

  /** Fails with FAILED_PRECONDITION when {@code from → to} is not allowed. */
  public static void requireTransition(TicketStatus from, TicketStatus to) {
    if (from == TICKET_STATUS_CLOSED) {
      throw new FailedPreconditionException(TICKET_CLOSED, "the ticket is closed; closed is final");
    }
    if (from != to && !allowed(from, to)) {
      throw new FailedPreconditionException(
          ILLEGAL_TRANSITION, "a ticket cannot go from " + name(from) + " to " + name(to));
    }
  }

  /** Fails with FAILED_PRECONDITION when the ticket is closed. */
  public static void requireNotClosed(TicketStatus status) {
    if (status == TICKET_STATUS_CLOSED) {
      throw new FailedPreconditionException(TICKET_CLOSED, "the ticket is closed; closed is final");
    }
  }

  /**
   * Status after a public comment: a requester's reply reopens a pending or solved ticket, the
   * support team's first public reply opens a new one.
   */
  public static TicketStatus afterPublicComment(TicketStatus status, boolean byRequester) {
    if (byRequester && (status == TICKET_STATUS_SOLVED || status == TICKET_STATUS_PENDING)) {
      return TICKET_STATUS_OPEN;
    }
    if (!byRequester && status == TICKET_STATUS_NEW) {
      return TICKET_STATUS_OPEN;
    }
    return status;
  }

  /** Whether the status counts as unsolved (queues, SLA). */
  public static boolean unsolved(TicketStatus status) {
    return status == TICKET_STATUS_NEW || status == TICKET_STATUS_OPEN || status == TICKET_STATUS_PENDING;
  }

  private static String name(TicketStatus s) {
    return s.name().substring("TICKET_STATUS_".length());
  }
}
