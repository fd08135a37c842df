package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.Transactions;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/**
 * Runs a tenant write transaction and, once it committed, hands its events and AI jobs to Redis.
 */
public final class TicketTransactions {

  /** Work inside a write transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(TicketTx tx) throws SQLException;
  }

  private final Transactions tx;
  private final AfterCommit publisher;
  private final Clock clock;
  private final SequenceGate gate = new SequenceGate();

  public TicketTransactions(Transactions tx, AfterCommit publisher, Clock clock) {
    this.tx = tx;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** Runs {@code work} in the tenant; after commit, publishes what it produced. */
  public <T> T run(UUID tenant, Work<T> work) {
    TicketTx[] holder = new TicketTx[1];
    SequenceGate.Hold gate = this.gate.hold(tenant);
    T result;
    try {
      result =
          tx.inTenant(
              tenant,
              c -> {
                holder[0] = new TicketTx(c, tenant, clock.instant(), gate);
                return work.run(holder[0]);
              });
    } finally {
      gate.leave(); // after commit or rollback: the counter row is free again
    }
    TicketTx w = holder[0];
    if (!w.events().isEmpty() || !w.jobs().isEmpty()) {
      publisher.afterCommit(w.events(), w.jobs());
    }
    return result;
  }

  /** Plain reads in the tenant. */
  public Transactions transactions() {
    return tx;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }
}
