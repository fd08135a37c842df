package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.CaughtUp;
import io.meshdesk.api.ticket.v1.Heartbeat;
import io.meshdesk.api.ticket.v1.Resync;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.persistence.CounterStore;
import io.meshdesk.ticket.persistence.RoutedEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

/**
 * One client's event stream: replays what it missed from PostgreSQL, then continues with live
 * events from the {@link EventHub}, in sequence order, with no gap (a hole is read from PostgreSQL)
 * and no duplicate (anything at or below the last sequence is dropped). Live events that arrive
 * during the replay wait in a buffer. A CaughtUp event follows the replay, so the client knows the
 * stream is live.
 *
 * <p>Flow control: events go out only while the sink is ready; at most {@code limit} events wait
 * for a slow client, past that it gets a Resync naming the last sequence it received and the stream
 * ends, so memory per stream is bounded.
 *
 * <p>Retention: a replay after a sequence whose successors were pruned from the outbox gets a
 * Resync ("history pruned") naming the latest sequence, so the client reloads instead of missing
 * events; a replay after 0 starts from the oldest retained event.
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

    /** Ends the stream with an error (nothing more is sent). */
    void fail(RuntimeException error);

    /** Sends a heartbeat (only called when the sink is ready and nothing else waits). */
    default void heartbeat(TicketEvent heartbeat) {
      send(heartbeat);
    }
  }

  private final UUID tenant;
  private final EventRules rules;
  private final EventHub hub;
  private final Transactions tx;
  private final int limit;
  private final int page;
  private final Sink sink;
  private final ArrayDeque<RoutedEvent> liveDuringReplay = new ArrayDeque<>();
  private final ArrayDeque<Queued> out = new ArrayDeque<>();
  private long last;
  private long lastSent;
  private boolean replaying = true;
  private boolean closed;
  private long droppedEphemeral;

  /**
   * When the sink last got a message ({@link System#nanoTime()}: idleness is measured, not dated).
   */
  private long lastSendNanos = System.nanoTime();

  private record Queued(long sequence, TicketEvent event) {}

  /**
   * @param limit events that may wait for a slow client before it is told to resync
   * @param page events read from the outbox per query while replaying or filling a hole
   */
  public StreamSubscription(
      UUID tenant,
      EventRules rules,
      EventHub hub,
      Transactions tx,
      int limit,
      int page,
      Sink sink) {
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
   * Registers with the hub, replays events after {@code afterSequence} (null: only live events from
   * now on), then switches to live delivery. Blocks while replaying; call it off the gRPC call's
   * thread. Returns the tenant's latest sequence when the stream started.
   */
  public long run(Long afterSequence) {
    hub.register(this);
    long latest = tx.inTenant(tenant, CounterStore::latestSequence);
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
      List<RoutedEvent> batch =
          tx.inTenant(tenant, c -> Outbox.read(c, from, Long.MAX_VALUE, page));
      synchronized (this) {
        if (from > 0 && from < latest && (batch.isEmpty() || batch.get(0).sequence() > from + 1)) {
          // The events right after `from` were pruned (sequences are gap-free, and all up to
          // `latest` are committed): the client must reload rather than miss them silently.
          resync("history pruned", latest);
          return latest;
        }
        for (RoutedEvent e : batch) {
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
      if (!closed) {
        out.add(
            new Queued(
                0,
                TicketEvent.newBuilder()
                    .setSequence(last)
                    .setCaughtUp(CaughtUp.getDefaultInstance())
                    .build()));
      }
      drain();
    }
    return latest;
  }

  @Override
  public synchronized void offerLive(RoutedEvent event) {
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
  public synchronized void offerEphemeral(RoutedEvent event) {
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

  /**
   * Events waiting for the client (never more than {@code limit}, plus the one that triggers a
   * resync).
   */
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

  /**
   * Ends the stream with {@code error} (its authorization ended): what waits is dropped, and the
   * client resumes after the last sequence it received.
   */
  public synchronized void fail(RuntimeException error) {
    if (closed) {
      return;
    }
    closed = true;
    hub.unregister(this);
    out.clear();
    liveDuringReplay.clear();
    sink.fail(error);
    notifyAll();
  }

  /** Whether the stream has ended (cancelled, resynced or failed). */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Sends a Heartbeat carrying the stream's latest sequence when the stream is live, nothing waits
   * for the client, the sink is ready and nothing went out for {@code interval}. It takes the same
   * ready-aware path as events and is never queued: a client that does not read gets none.
   *
   * @param nowNanos {@link System#nanoTime()} now
   * @return whether a heartbeat was sent
   */
  public synchronized boolean heartbeat(Duration interval, long nowNanos) {
    if (closed
        || replaying
        || !out.isEmpty()
        || nowNanos - lastSendNanos < interval.toNanos()
        || !sink.isReady()) {
      return false;
    }
    lastSendNanos = nowNanos;
    sink.heartbeat(
        TicketEvent.newBuilder()
            .setSequence(last)
            .setHeartbeat(
                Heartbeat.newBuilder()
                    .setInterval(
                        com.google.protobuf.Duration.newBuilder()
                            .setSeconds(interval.toSeconds())
                            .setNanos(interval.toNanosPart())))
            .build());
    return true;
  }

  /** Last sequence processed (sent or filtered out). */
  public synchronized long lastSequence() {
    return last;
  }

  private void accept(RoutedEvent env) {
    long seq = env.sequence();
    if (seq <= last) {
      return;
    }
    // Should not happen behind the hub, which restores order; read the hole, page by page, to be
    // safe.
    while (!closed && seq > last + 1) {
      long from = last;
      List<RoutedEvent> hole = tx.inTenant(tenant, c -> Outbox.read(c, from, seq - 1, page));
      for (RoutedEvent missing : hole) {
        take(missing);
      }
      if (hole.size() < page) {
        break; // the rest is absent: a later sequence is committed, and sequences commit in order
      }
    }
    take(env);
  }

  private void take(RoutedEvent env) {
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
      lastSendNanos = System.nanoTime();
      if (q.sequence() > 0) {
        lastSent = q.sequence();
      }
    }
    if (out.isEmpty()) {
      lastSent = last;
    }
  }

  private void resync(String reason) {
    resync(reason, lastSent);
  }

  /**
   * Ends the stream with a Resync telling the client to reload and resubscribe after {@code
   * resumeAfter}.
   */
  private void resync(String reason, long resumeAfter) {
    closed = true;
    hub.unregister(this);
    out.clear();
    liveDuringReplay.clear();
    sink.resync(
        TicketEvent.newBuilder()
            .setSequence(resumeAfter)
            .setResync(Resync.newBuilder().setResumeAfterSequence(resumeAfter).setReason(reason))
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
