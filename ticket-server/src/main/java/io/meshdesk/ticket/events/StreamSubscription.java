package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.db.Transactions;
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

  private final UUID tenant;
  private final EventRules rules;
  private final EventHub hub;
  private final int limit;
  private final StreamSink sink;
  private final OutboxPages outbox;
  private final SendQueue queue;
  private final ArrayDeque<RoutedEvent> liveDuringReplay = new ArrayDeque<>();
  private long last;
  private boolean replaying = true;
  private boolean closed;
  private long droppedEphemeral;

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
      StreamSink sink) {
    this.tenant = tenant;
    this.rules = rules;
    this.hub = hub;
    this.limit = limit;
    this.sink = sink;
    this.outbox = new OutboxPages(tx, tenant, page);
    this.queue = new SendQueue(sink);
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
    long latest = outbox.latestSequence();
    synchronized (this) {
      last = afterSequence == null ? latest : Math.min(afterSequence, latest);
      queue.startAfter(last);
    }
    if (replay(latest)) {
      goLive();
    }
    return latest;
  }

  /**
   * Replays the outbox page by page, pausing while the client is behind; returns false when the
   * stream ended meanwhile (closed, or told to resync because history was pruned).
   */
  private boolean replay(long latest) {
    while (true) {
      long from;
      synchronized (this) {
        while (!closed && queue.size() > limit / 2) {
          waitQuietly();
        }
        if (closed) {
          return false;
        }
        from = last;
      }
      List<RoutedEvent> batch = outbox.read(from, Long.MAX_VALUE);
      synchronized (this) {
        if (OutboxPages.pruned(from, latest, batch)) {
          // The client must reload rather than miss those events silently.
          resync("history pruned", latest);
          return false;
        }
        batch.forEach(this::accept);
      }
      if (outbox.isLast(batch)) {
        return true;
      }
    }
  }

  /** Delivers what arrived live during the replay, then the CaughtUp marker. */
  private synchronized void goLive() {
    replaying = false;
    while (!liveDuringReplay.isEmpty() && !closed) {
      accept(liveDuringReplay.poll());
    }
    if (!closed) {
      queue.add(0, StreamMarkers.caughtUp(last));
    }
    drain();
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
    if (queue.size() >= limit) {
      droppedEphemeral++; // a draft chunk is superseded by the SuggestionReady event anyway
      return;
    }
    queue.add(0, view.toBuilder().setSequence(last).build());
    drain();
  }

  /**
   * Events waiting for the client (never more than {@code limit}, plus the one that triggers a
   * resync).
   */
  public synchronized int queued() {
    return queue.size();
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
    end();
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
    if (closed || replaying || !queue.quietFor(interval.toNanos(), nowNanos)) {
      return false;
    }
    queue.heartbeat(StreamMarkers.heartbeat(last, interval), nowNanos);
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
      List<RoutedEvent> hole = outbox.read(last, seq - 1);
      hole.forEach(this::take);
      if (outbox.isLast(hole)) {
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
      queue.skip(seq);
      return;
    }
    queue.add(seq, view);
    drain();
    if (!replaying && queue.size() > limit) {
      resync("client too slow");
    }
  }

  private void drain() {
    if (!closed) {
      queue.drain(last);
    }
  }

  private void resync(String reason) {
    resync(reason, queue.lastSent());
  }

  /**
   * Ends the stream with a Resync telling the client to reload and resubscribe after {@code
   * resumeAfter}.
   */
  private void resync(String reason, long resumeAfter) {
    end();
    sink.resync(StreamMarkers.resync(resumeAfter, reason));
    notifyAll();
  }

  /** The stream is over: nothing more is delivered, and what waits is dropped. */
  private void end() {
    closed = true;
    hub.unregister(this);
    queue.clear();
    liveDuringReplay.clear();
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
