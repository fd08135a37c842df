package io.meshdesk.ticket.domain;

import static io.meshdesk.api.ticket.v1.TicketStatus.TICKET_STATUS_PENDING;

import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.ticket.persistence.Sql;
import io.meshdesk.ticket.persistence.TicketState;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a ticket's SLA deadlines right as it changes: set on creation, shifted when the priority
 * changes, frozen while pending (the resolution clock pauses) and resumed afterwards.
 */
public final class SlaRules {

  private SlaRules() {}

  /** Deadlines of a new ticket. */
  public static void onCreate(Ticket.Builder t, SlaTargets targets, Instant now) {
    targets.firstResponseDue(t.getPriority(), now).ifPresent(d -> t.setFirstResponseDueAt(Sql.ts(d)));
    targets.resolutionDue(t.getPriority(), now, Duration.ZERO).ifPresent(d -> t.setResolutionDueAt(Sql.ts(d)));
  }

  /** Shifts deadlines by the difference between the old and new priority's targets. */
  public static void onPriorityChange(TicketState s, TicketPriority from, TicketPriority to, SlaTargets targets) {
    Ticket.Builder t = s.ticket;
    Instant created = Sql.instant(t.getCreatedAt());
    if (!t.hasFirstRespondedAt()) {
      t.clearFirstResponseDueAt();
      targets.firstResponseDue(to, created).ifPresent(d -> t.setFirstResponseDueAt(Sql.ts(d)));
    }
    Duration oldTarget = targets.forPriority(from).map(SlaTargets.Target::resolution).orElse(null);
    Duration newTarget = targets.forPriority(to).map(SlaTargets.Target::resolution).orElse(null);
    if (newTarget == null) {
      t.clearResolutionDueAt();
      s.resolutionRemainingMs = null;
    } else if (t.getStatus() == TICKET_STATUS_PENDING) {
      long base = s.resolutionRemainingMs != null && oldTarget != null ? s.resolutionRemainingMs - oldTarget.toMillis() : 0;
      s.resolutionRemainingMs = newTarget.toMillis() + base;
    } else if (t.hasResolutionDueAt() && oldTarget != null) {
      t.setResolutionDueAt(Sql.ts(Sql.instant(t.getResolutionDueAt()).minus(oldTarget).plus(newTarget)));
    } else {
      t.setResolutionDueAt(Sql.ts(created.plus(newTarget)));
    }
  }

  /** Pauses or resumes the resolution clock on a status change. */
  public static void onStatusChange(TicketState s, TicketStatus from, TicketStatus to, Instant now) {
    Ticket.Builder t = s.ticket;
    if (to == TICKET_STATUS_PENDING && from != TICKET_STATUS_PENDING && t.hasResolutionDueAt()) {
      s.resolutionRemainingMs = Duration.between(now, Sql.instant(t.getResolutionDueAt())).toMillis();
      t.clearResolutionDueAt();
    } else if (from == TICKET_STATUS_PENDING && to != TICKET_STATUS_PENDING && s.resolutionRemainingMs != null) {
      t.setResolutionDueAt(Sql.ts(Sql.micros(now.plusMillis(s.resolutionRemainingMs))));
      s.resolutionRemainingMs = null;
    }
  }
}
