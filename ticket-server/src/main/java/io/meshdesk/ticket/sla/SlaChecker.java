package io.meshdesk.ticket.sla;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.ticket.v1.SlaBreached;
import io.meshdesk.api.ticket.v1.SlaMetric;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.CounterStore;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.TicketState;
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
 * between two passes is flagged by the change that meets it ({@link #flagLate}, {@link #announce}).
 */
public final class SlaChecker {

  /** The platform itself, the actor of breaches in history and events. */
  public static final Actor SYSTEM =
      Actor.newBuilder().setKind(ActorKind.ACTOR_KIND_SYSTEM).setDisplayName("Meshdesk").build();

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
    for (UUID id :
        due(
            tx,
            "status in (1, 2, 3) and first_responded_at is null and not first_response_breached and first_response_due_at <= ?")) {
      TicketState s = TicketStore.find(tx.connection(), id, true).orElseThrow();
      s.ticket.setFirstResponseBreached(true);
      n += record(tx, s, SlaMetric.SLA_METRIC_FIRST_RESPONSE, s.ticket.getFirstResponseDueAt());
    }
    for (UUID id :
        due(tx, "status in (1, 2) and not resolution_breached and resolution_due_at <= ?")) {
      TicketState s = TicketStore.find(tx.connection(), id, true).orElseThrow();
      s.ticket.setResolutionBreached(true);
      n += record(tx, s, SlaMetric.SLA_METRIC_RESOLUTION, s.ticket.getResolutionDueAt());
    }
    return n;
  }

  /**
   * Flags the deadlines that a first response ({@code responded}) or a solve ({@code solved}) at
   * {@code now} meets after they passed and that no checker pass has flagged yet. Call before the
   * ticket row is written; then {@link #announce} the result after the change's own events.
   */
  public static List<SlaClock.Breach> flagLate(
      TicketState s, Instant now, boolean responded, boolean solved) {
    SlaClock clock = s.slaClock();
    List<SlaClock.Breach> late = clock.metLate(now, responded, solved);
    if (!late.isEmpty()) {
      s.setSlaClock(clock.flagged(late));
    }
    return late;
  }

  /**
   * Writes history and an SlaBreached event for each late deadline, at the ticket's current
   * version.
   */
  public static void announce(TicketTx tx, TicketState s, List<SlaClock.Breach> late)
      throws SQLException {
    for (SlaClock.Breach l : late) {
      SlaMetric metric =
          l.metric() == io.meshdesk.ticket.domain.SlaMetric.FIRST_RESPONSE
              ? SlaMetric.SLA_METRIC_FIRST_RESPONSE
              : SlaMetric.SLA_METRIC_RESOLUTION;
      HistoryStore.add(
          tx,
          s.ticket.getId(),
          SYSTEM,
          TicketChangeKind.TICKET_CHANGE_KIND_SLA_BREACH,
          metric.name(),
          "",
          l.dueAt().toString(),
          s.ticket.getVersion());
      Outbox.append(
          tx,
          s,
          s.ticket.getAssigneeId(),
          s.ticket.getTeamId(),
          true,
          TicketEvent.newBuilder()
              .setActor(SYSTEM)
              .setSlaBreached(
                  SlaBreached.newBuilder()
                      .setMetric(metric)
                      .setDueAt(ProtoTime.timestamp(l.dueAt()))),
          true);
    }
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

  private int record(
      TicketTx tx, TicketState s, SlaMetric metric, com.google.protobuf.Timestamp dueAt)
      throws SQLException {
    long v = s.ticket.getVersion() + 1;
    s.ticket.setVersion(v).setUpdatedAt(ProtoTime.timestamp(tx.now()));
    TicketStore.update(tx.connection(), s, null);
    HistoryStore.add(
        tx,
        s.ticket.getId(),
        SYSTEM,
        TicketChangeKind.TICKET_CHANGE_KIND_SLA_BREACH,
        metric.name(),
        "",
        ProtoTime.instant(dueAt).toString(),
        v);
    Outbox.append(
        tx,
        s,
        s.ticket.getAssigneeId(),
        s.ticket.getTeamId(),
        true,
        TicketEvent.newBuilder()
            .setActor(SYSTEM)
            .setSlaBreached(SlaBreached.newBuilder().setMetric(metric).setDueAt(dueAt)),
        true);
    return 1;
  }
}
