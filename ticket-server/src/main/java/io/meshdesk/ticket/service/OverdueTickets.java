package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.SlaMetric;
import java.time.Instant;
import java.util.List;

/** The tenant's tickets whose SLA deadlines passed unmet, in the unit's transaction. */
public interface OverdueTickets {

  /**
   * Up to {@code limit} ids, in id order, of the tickets still working towards {@code metric} whose
   * deadline is at or before {@code now} and that no check has flagged yet. They stay claimed until
   * the transaction ends: a check running at the same time on another instance skips them.
   */
  List<String> claim(SlaMetric metric, Instant now, int limit);
}
