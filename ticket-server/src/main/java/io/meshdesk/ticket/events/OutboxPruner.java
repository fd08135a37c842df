package io.meshdesk.ticket.events;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.persistence.CounterStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Outbox retention: removes, tenant by tenant, published events older than the retention window
 * (unpublished ones stay until the relay has published them). A stream that resumes before the
 * oldest retained event is told to reload (see {@link StreamSubscription}).
 */
public final class OutboxPruner {

  private final Transactions tx;
  private final Clock clock;
  private final Duration retention;

  /**
   * @param retention how long published events are kept
   */
  public OutboxPruner(Transactions tx, Clock clock, Duration retention) {
    this.tx = tx;
    this.clock = clock;
    this.retention = retention;
  }

  /** One pass over every tenant; returns how many events were removed. */
  public long runOnce() {
    Instant cutoff = clock.instant().minus(retention);
    long pruned = 0;
    for (UUID tenant : tx.withoutTenant(CounterStore::sweepTenants)) {
      pruned +=
          tx.inTenant(
              tenant,
              c -> {
                try (PreparedStatement ps = c.prepareStatement("select ticket.prune_outbox(?)")) {
                  io.meshdesk.ticket.persistence.Sql.setInstant(ps, 1, cutoff);
                  try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }
              });
    }
    return pruned;
  }
}
