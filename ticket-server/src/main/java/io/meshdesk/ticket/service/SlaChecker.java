package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.SlaMetric;
import io.meshdesk.ticket.domain.TicketState;
import java.util.List;
import java.util.UUID;

/**
 * Finds SLA deadlines that passed unmet (by the injected clock), flags the ticket and emits an
 * SlaBreached event, once per ticket and metric. Safe to run on several instances at once: tickets
 * are claimed so that concurrent checks skip each other's, and the flag makes it idempotent. A
 * deadline met late between two passes is flagged by the change that meets it.
 */
public final class SlaChecker {

  /** Tickets flagged per tenant, metric and pass at most; the next pass takes the rest. */
  static final int BATCH = 500;

  private final TicketUnits units;

  public SlaChecker(TicketUnits units) {
    this.units = units;
  }

  /** Checks every tenant once; returns the number of breaches recorded. */
  public int runOnce() {
    int n = 0;
    for (UUID tenant : units.tenants()) {
      n += units.write(tenant, SlaChecker::checkTenant);
    }
    return n;
  }

  private static int checkTenant(TicketUnit unit) {
    int firstResponses = flagOverdue(unit, SlaMetric.FIRST_RESPONSE);
    return firstResponses + flagOverdue(unit, SlaMetric.RESOLUTION);
  }

  /** Flags each claimed ticket at its next version, with history and an SlaBreached event. */
  private static int flagOverdue(TicketUnit unit, SlaMetric metric) {
    List<String> ids = unit.overdue().claim(metric, unit.now(), BATCH);
    for (String id : ids) {
      TicketState s = unit.tickets().lock(id).orElseThrow();
      SlaClock clock = s.slaClock();
      SlaClock.Breach breach =
          new SlaClock.Breach(
              metric,
              metric == SlaMetric.FIRST_RESPONSE
                  ? clock.firstResponseDue()
                  : clock.resolutionDue());
      s.setSlaClock(clock.flagged(List.of(breach)));
      s.nextVersion(unit.now());
      unit.tickets().update(s, null);
      TicketSteps.announce(unit, s, List.of(breach));
    }
    return ids.size();
  }
}
