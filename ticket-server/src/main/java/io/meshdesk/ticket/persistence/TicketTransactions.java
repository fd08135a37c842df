package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.domain.SlaTargets;
import io.meshdesk.ticket.domain.TicketMerges;
import io.meshdesk.ticket.service.AiJobStates;
import io.meshdesk.ticket.service.AiSuggestions;
import io.meshdesk.ticket.service.Comments;
import io.meshdesk.ticket.service.History;
import io.meshdesk.ticket.service.OverdueTickets;
import io.meshdesk.ticket.service.TicketEvents;
import io.meshdesk.ticket.service.TicketUnit;
import io.meshdesk.ticket.service.TicketUnits;
import io.meshdesk.ticket.service.Tickets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs tenant transactions and, once a write committed, hands its events and AI jobs to Redis;
 * {@link TicketUnits} for the ticket services.
 */
public final class TicketTransactions implements TicketUnits {

  /** Work inside a write transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(TicketTx tx) throws SQLException;
  }

  private final Transactions tx;
  private final AfterCommit publisher;
  private final Clock clock;
  private final Function<TicketTx, TicketEvents> events;
  private final SequenceGate gate = new SequenceGate();

  /**
   * @param events the outbox of a write transaction
   */
  public TicketTransactions(
      Transactions tx,
      AfterCommit publisher,
      Clock clock,
      Function<TicketTx, TicketEvents> events) {
    this.tx = tx;
    this.publisher = publisher;
    this.clock = clock;
    this.events = events;
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

  @Override
  public <T> T write(UUID tenant, TicketUnits.Work<T> work) {
    return run(tenant, t -> work.run(new Unit(t)));
  }

  @Override
  public <T> T read(UUID tenant, TicketUnits.Work<T> work) {
    return tx.inTenant(
        tenant,
        c -> work.run(new Unit(new TicketTx(c, tenant, clock.instant(), gate.hold(tenant)))));
  }

  @Override
  public List<UUID> tenants() {
    return tx.withoutTenant(CounterStore::sweepTenants);
  }

  @Override
  public boolean isDuplicateKey(RuntimeException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && Sql.isUniqueViolation(sql)) {
        return true;
      }
    }
    return false;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** The stores bound to one transaction. */
  private final class Unit implements TicketUnit {
    private final TicketTx t;

    Unit(TicketTx t) {
      this.t = t;
    }

    @Override
    public UUID tenant() {
      return t.tenant();
    }

    @Override
    public Instant now() {
      return t.now();
    }

    @Override
    public Tickets tickets() {
      return new TicketStore(t);
    }

    @Override
    public Comments comments() {
      return new CommentStore(t);
    }

    @Override
    public History history() {
      return new HistoryStore(t);
    }

    @Override
    public AiSuggestions suggestions() {
      return new SuggestionStore(t);
    }

    @Override
    public AiJobStates aiJobs() {
      return new AiJobStore(t);
    }

    @Override
    public TicketEvents events() {
      return events.apply(t);
    }

    @Override
    public TicketMerges merges() {
      return new TicketMergeStore(t);
    }

    @Override
    public OverdueTickets overdue() {
      return new OverdueTicketStore(t);
    }

    @Override
    public boolean teamExists(String teamId) {
      try {
        return SettingsStore.teamExists(t.connection(), teamId);
      } catch (SQLException e) {
        throw new DataAccessException(e);
      }
    }

    @Override
    public SlaTargets slaTargets() {
      try {
        return SettingsStore.targets(t.connection());
      } catch (SQLException e) {
        throw new DataAccessException(e);
      }
    }
  }
}
