package io.meshdesk.ticket.service;

import io.meshdesk.platform.errors.ConflictException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.SlaMetric;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketState;
import java.util.List;

/** What every ticket write shares: locking at a version, late SLA deadlines. */
final class TicketSteps {

  private TicketSteps() {}

  /** Locks a ticket and checks the caller's expected version (ABORTED with the current one). */
  static TicketState lockAtVersion(TicketUnit unit, String ticketId, long expected) {
    TicketState s =
        unit.tickets()
            .lock(ticketId)
            .orElseThrow(() -> new NotFoundException("ticket " + ticketId + " not found"));
    if (s.version != expected) {
      throw new ConflictException(
          "ticket changed: expected version " + expected + ", current " + s.version, s.version);
    }
    return s;
  }

  /**
   * Writes history and an SlaBreached event for each deadline a change met late (see {@link
   * TicketState#flagLate}), at the ticket's current version, after the change's own events.
   */
  static void announce(TicketUnit unit, TicketState s, List<SlaClock.Breach> late) {
    for (SlaClock.Breach l : late) {
      unit.history()
          .add(
              s.id,
              Actor.SYSTEM,
              ChangeKind.SLA_BREACH,
              metricName(l.metric()),
              "",
              l.dueAt().toString(),
              s.version);
      unit.events()
          .append(
              s,
              s.assigneeId,
              s.teamId,
              Actor.SYSTEM,
              new TicketChange.SlaBreached(l.metric(), l.dueAt()));
    }
  }

  /** A status as history records it (the contract's enum name). */
  static String name(Status s) {
    return "TICKET_STATUS_" + s.name();
  }

  /** A priority as history records it (the contract's enum name). */
  static String name(Priority p) {
    return "TICKET_PRIORITY_" + p.name();
  }

  /** A metric as history names it (the contract's enum name). */
  static String metricName(SlaMetric m) {
    return m == SlaMetric.FIRST_RESPONSE ? "SLA_METRIC_FIRST_RESPONSE" : "SLA_METRIC_RESOLUTION";
  }
}
