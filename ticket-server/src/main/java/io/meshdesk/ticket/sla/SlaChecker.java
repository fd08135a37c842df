package io.meshdesk.ticket.sla;

import io.meshdesk.platform.db.Sql;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.SlaMetric;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.events.OutboxEvents;
import io.meshdesk.ticket.persistence.CounterStore;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import io.meshdesk.ticket.persistence.TicketTx;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Finds SLA deadlines that passed unmet (by the injected clock), flags the ticket and emits an
 * SlaBreached event, once per ticket and metric. Safe to run on several instances at once: rows are
 * claimed with {@code for update skip locked} and the flag makes it idempotent. A deadline met late
 * between two passes is flagged by the change that meets it.
 */
public final class SlaChecker {

  private final TicketTransactions writes;

  public SlaChecker(TicketTransactions writes) {
    this.writes = writes;
  }

  /** Checks every tenant once; returns the number of breaches recorded. */
  public int runOnce() {
    int n = 0;
    for (UUID tenant : writes.transactions().withoutTenant(CounterStore::sweepTenants)) {
      n += writes.run(tenant, this::checkTenant);
    }
    return n;
  }

  private int checkTenant(TicketTx tx) throws SQLException {
    int n = 0;
    TicketStore tickets = new TicketStore(tx);
    for (UUID id :
        due(
            tx,
            "status in (1, 2, 3) and first_responded_at is null and not first_response_breached and first_response_due_at <= ?")) {
      TicketState s = tickets.lock(id.toString()).orElseThrow();
      s.firstResponseBreached = true;
      n += record(tx, s, SlaMetric.FIRST_RESPONSE, s.firstResponseDueAt);
    }
    for (UUID id :
        due(tx, "status in (1, 2) and not resolution_breached and resolution_due_at <= ?")) {
      TicketState s = tickets.lock(id.toString()).orElseThrow();
      s.resolutionBreached = true;
      n += record(tx, s, SlaMetric.RESOLUTION, s.resolutionDueAt);
    }
    return n;
  }

  private List<UUID> due(TicketTx tx, String condition) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement ps =
        tx.connection()
            .prepareStatement(
                "select id from ticket.tickets where "
                    + condition
                    + " order by id limit 500 for update skip locked")) {
      Sql.setInstant(ps, 1, tx.now());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }

  private static int record(TicketTx tx, TicketState s, SlaMetric metric, Instant dueAt) {
    long v = s.nextVersion(tx.now());
    new TicketStore(tx).update(s, null);
    new HistoryStore(tx)
        .add(
            s.id,
            Actor.SYSTEM,
            ChangeKind.SLA_BREACH,
            OutboxEvents.metric(metric).name(),
            "",
            dueAt.toString(),
            v);
    new OutboxEvents(tx)
        .append(
            s, s.assigneeId, s.teamId, Actor.SYSTEM, new TicketChange.SlaBreached(metric, dueAt));
    return 1;
  }
}
