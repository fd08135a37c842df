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

  private static final int REPLAY_BATCH = 500;

  private final UUID tenant;
  private final EventRules rules;
  private final EventHub hub;
  private final Transactions tx;
  private final int limit;
  private final Sink sink;
  private final ArrayDeque<EventEnvelope> liveDuringReplay = new ArrayDeque<>();
  private final ArrayDeque<Queued> out = new ArrayDeque<>();
  private long last;
  private long lastSent;
  private boolean replaying = true;
  private boolean closed;

  private record Queued(long sequence, TicketEvent event) {}

  public StreamSubscription(UUID tenant, EventRules rules, EventHub hub, Transactions tx, int limit, Sink sink) {
    this.tenant = tenant;
    this.rules = rules;
    this.hub = hub;
    this.tx = tx;
    this.limit = limit;
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
      List<EventEnvelope> batch = tx.inTenant(tenant, c -> Outbox.read(c, from, Long.MAX_VALUE, REPLAY_BATCH));
      synchronized (this) {
        for (EventEnvelope e : batch) {
          accept(e);
        }
      }
      if (batch.size() < REPLAY_BATCH) {
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
    if (view != null) {
      out.add(new Queued(0, view.toBuilder().setSequence(last).build()));
      drain();
    }
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
    if (seq > last + 1) {
      // Should not happen behind the hub, which restores order; read the hole to be safe.
      long from = last;
      for (EventEnvelope missing : tx.inTenant(tenant, c -> Outbox.read(c, from, seq - 1, 10_000))) {
        accept(missing);
      }
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
