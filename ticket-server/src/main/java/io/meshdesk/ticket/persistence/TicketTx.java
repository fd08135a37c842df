package io.meshdesk.ticket.persistence;

import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One tenant write transaction: the connection, the transaction's time, and what to hand to Redis
 * once it has committed (events and AI jobs).
 */
public final class TicketTx {

  private final Connection connection;
  private final UUID tenant;
  private final Instant now;
  private final List<RoutedEvent> events = new ArrayList<>(2);
  private final List<AiJob> jobs = new ArrayList<>(1);

  private final SequenceGate.Hold gate;

  public TicketTx(Connection connection, UUID tenant, Instant now, SequenceGate.Hold gate) {
    this.connection = connection;
    this.tenant = tenant;
    this.now = Sql.micros(now);
    this.gate = gate;
  }

  /** Call right before a statement takes the tenant's next sequence (see {@link SequenceGate}). */
  public void enterSequenceGate() {
    gate.enter();
  }

  public Connection connection() {
    return connection;
  }

  public UUID tenant() {
    return tenant;
  }

  /** The transaction's time, at microsecond precision. */
  public Instant now() {
    return now;
  }

  /** Events written to the outbox in this transaction. */
  public List<RoutedEvent> events() {
    return events;
  }

  /** AI jobs inserted in this transaction. */
  public List<AiJob> jobs() {
    return jobs;
  }
}
