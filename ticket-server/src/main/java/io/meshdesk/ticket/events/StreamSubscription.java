package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.Resync;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.persistence.Counters;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

/**
 * One client's event stream: replays what it missed from PostgreSQL, then continues with live
 * events from the {@link EventHub}, in sequence order, with no gap (a hole is read from
 * PostgreSQL) and no duplicate (anything at or below the last sequence is dropped). Live events
 * that arrive during the replay wait in a buffer.
 *
 * <p>Flow control: events go out only while the sink is ready; at most {@code limit} events wait
 * for a slow client, past that it gets a Resync naming the last sequence it received and the stream
 * ends, so memory per stream is bounded.
 */
public final class StreamSubscription implements Subscriber {

  /** Where events go: a gRPC stream, seen through its readiness. */
  public interface Sink {
    /** Whether the transport can take another message without buffering. */
    boolean isReady();

    /** Sends one event. */
    void send(TicketEvent event);

    /** Sends the resync event and ends the stream. */
    void resync(TicketEvent resync);
  }

  private final UUID tenant;
  private final EventRules rules;
  private final EventHub hub;
  private final Transactions tx;
  private final int limit;
  private final int page;
  private final Sink sink;
  private final ArrayDeque<EventEnvelope> liveDuringReplay = new ArrayDeque<>();
  private final ArrayDeque<Queued> out = new ArrayDeque<>();
  private long last;
  private long lastSent;
  private boolean replaying = true;
  private boolean closed;
  private long droppedEphemeral;

  private record Queued(long sequence, TicketEvent event) {}

  /**
   * @param limit events that may wait for a slow client before it is told to resync
   * @param page events read from the outbox per query while replaying or filling a hole
   */
  public StreamSubscription(UUID tenant, EventRules rules, EventHub hub, Transactions tx, int limit, int page, Sink sink) {
    this.tenant = tenant;
    this.rules = rules;
    this.hub = hub;
    this.tx = tx;
    this.limit = limit;
    this.page = page;
    this.sink = sink;
  }

  @Override
  public UUID tenant() {
    return tenant;
  }

  /**
   * Registers with the hub, replays events after {@code afterSequence} (null: only live events
   * from now on), then switches to live delivery. Blocks while replaying; call it off the gRPC
   * call's thread. Returns the tenant's latest sequence when the stream started.
   */
  public long run(Long afterSequence) {
    hub.register(this);
    long latest = tx.inTenant(tenant, Counters::latestSequence);
    synchronized (this) {
      last = afterSequence == null ? latest : Math.min(afterSequence, latest);
      lastSent = last;
    }
    while (true) {
      long from;
      synchronized (this) {
        while (!closed && out.size() > limit / 2) {
          waitQuietly();
        }
        if (closed) {
          return latest;
        }
        from = last;
      }
      List<EventEnvelope> batch = tx.inTenant(tenant, c -> Outbox.read(c, from, Long.MAX_VALUE, page));
      synchronized (this) {
        for (EventEnvelope e : batch) {
          accept(e);
        }
      }
      if (batch.size() < page) {
        break;
      }
    }
    synchronized (this) {
      replaying = false;
      while (!liveDuringReplay.isEmpty() && !closed) {
        accept(liveDuringReplay.poll());
      }
      drain();
    }
    return latest;
  }

  @Override
  public synchronized void offerLive(EventEnvelope event) {
    if (closed) {
      return;
    }
    if (replaying) {
      liveDuringReplay.add(event);
      if (liveDuringReplay.size() > limit) {
        resync("client too slow");
      }
      return;
    }
    accept(event);
  }

  @Override
  public synchronized void offerEphemeral(EventEnvelope event) {
    if (closed || replaying) {
      return;
    }
    TicketEvent view = rules.view(event);
    if (view == null) {
      return;
    }
    if (out.size() >= limit) {
      droppedEphemeral++; // a draft chunk is superseded by the SuggestionReady event anyway
      return;
    }
    out.add(new Queued(0, view.toBuilder().setSequence(last).build()));
    drain();
  }

  /** Events waiting for the client (never more than {@code limit}, plus the one that triggers a resync). */
  public synchronized int queued() {
    return out.size();
  }

  /** Ephemeral events (draft chunks) dropped because the client was too slow. */
  public synchronized long droppedEphemeral() {
    return droppedEphemeral;
  }

  /** The sink became ready: send what waits. */
  public synchronized void onReady() {
    drain();
    notifyAll();
  }

  /** The client went away. */
  public synchronized void close() {
    closed = true;
    hub.unregister(this);
    notifyAll();
  }

  /** Last sequence processed (sent or filtered out). */
  public synchronized long lastSequence() {
    return last;
  }

  private void accept(EventEnvelope env) {
    long seq = env.sequence();
    if (seq <= last) {
      return;
    }
    // Should not happen behind the hub, which restores order; read the hole, page by page, to be safe.
    while (!closed && seq > last + 1) {
      long from = last;
      List<EventEnvelope> hole = tx.inTenant(tenant, c -> Outbox.read(c, from, seq - 1, page));
      for (EventEnvelope missing : hole) {
        take(missing);
      }
      if (hole.size() < page) {
        break; // the rest is absent: a later sequence is committed, and sequences commit in order
      }
    }
    take(env);
  }

  private void take(EventEnvelope env) {
    long seq = env.sequence();
    if (closed || seq <= last) {
      return;
    }
    last = seq;
    TicketEvent view = rules.view(env);
    if (view == null) {
      if (out.isEmpty()) {
        lastSent = seq;
      }
      return;
    }
    out.add(new Queued(seq, view));
    drain();
    if (!replaying && out.size() > limit) {
      resync("client too slow");
    }
  }

  private void drain() {
    while (!closed && !out.isEmpty() && sink.isReady()) {
      Queued q = out.poll();
      sink.send(q.event());
      if (q.sequence() > 0) {
        lastSent = q.sequence();
      }
    }
    if (out.isEmpty()) {
      lastSent = last;
    }
  }

  private void resync(String reason) {
    closed = true;
    hub.unregister(this);
    out.clear();
    liveDuringReplay.clear();
    sink.resync(
        TicketEvent.newBuilder()
            .setSequence(lastSent)
            .setResync(Resync.newBuilder().setResumeAfterSequence(lastSent).setReason(reason))
            .build());
    notifyAll();
  }

  private void waitQuietly() {
    try {
      wait(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }
}
