package io.meshdesk.ticket.service;

import io.meshdesk.platform.errors.ConflictException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTx;
import java.sql.SQLException;
import java.util.UUID;

/** What every ticket write shares: locking at a version, status changes, duplicate keys. */
final class TicketSteps {

  private TicketSteps() {}

  /** Locks a ticket and checks the caller's expected version (ABORTED with the current one). */
  static TicketState lockAtVersion(TicketTx tx, String ticketId, long expected)
      throws SQLException {
    TicketState s =
        TicketStore.find(tx.connection(), UUID.fromString(ticketId), true)
            .orElseThrow(() -> new NotFoundException("ticket " + ticketId + " not found"));
    long current = s.ticket.getVersion();
    if (current != expected) {
      throw new ConflictException(
          "ticket changed: expected version " + expected + ", current " + current, current);
    }
    return s;
  }

  /** Sets a new status with its side effects on timestamps and SLA clocks. */
  static void applyStatus(TicketState s, Status to, TicketTx tx) {
    Status from = s.status();
    SlaClock clock = s.slaClock().statusChanged(from, to, tx.now());
    s.setSlaClock(clock);
    s.setStatus(to);
    if (to == Status.SOLVED) {
      s.ticket.setSolvedAt(ProtoTime.timestamp(tx.now()));
    } else if (to == Status.CLOSED) {
      s.ticket.setClosedAt(ProtoTime.timestamp(tx.now()));
    } else if (to == Status.OPEN && from == Status.SOLVED) {
      s.ticket.clearSolvedAt();
    }
  }

  /** Whether a failure was a unique-key violation (a concurrent retry with the same request id). */
  static boolean isUniqueViolation(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
