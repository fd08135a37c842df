package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.TicketEvent;
import java.util.ArrayDeque;

/**
 * The events waiting for one stream's sink: they go out only while the sink is ready, and the queue
 * remembers the last sequence the client received (where a resync tells it to resume). Not
 * thread-safe: its {@link StreamSubscription} calls it under its own lock.
 */
final class SendQueue {

  private record Queued(long sequence, TicketEvent event) {}

  private final ArrayDeque<Queued> waiting = new ArrayDeque<>();
  private final StreamSink sink;
  private long lastSent;

  /**
   * When the sink last got a message ({@link System#nanoTime()}: idleness is measured, not dated).
   */
  private long lastSendNanos = System.nanoTime();

  SendQueue(StreamSink sink) {
    this.sink = sink;
  }

  /** The stream starts after {@code sequence}: the client has everything up to it. */
  void startAfter(long sequence) {
    lastSent = sequence;
  }

  /** Queues an event at its sequence; 0 for one that moves no position (markers, draft chunks). */
  void add(long sequence, TicketEvent event) {
    waiting.add(new Queued(sequence, event));
  }

  /** An event the client may not see: when nothing waits, the client is past it too. */
  void skip(long sequence) {
    if (waiting.isEmpty()) {
      lastSent = sequence;
    }
  }

  /**
   * Sends what waits while the sink is ready; once nothing waits, the client has everything up to
   * {@code last}.
   */
  void drain(long last) {
    while (!waiting.isEmpty() && sink.isReady()) {
      Queued q = waiting.poll();
      sink.send(q.event());
      lastSendNanos = System.nanoTime();
      if (q.sequence() > 0) {
        lastSent = q.sequence();
      }
    }
    if (waiting.isEmpty()) {
      lastSent = last;
    }
  }

  /**
   * Whether a heartbeat may go out: nothing waits, nothing went out for {@code intervalNanos} and
   * the sink is ready.
   */
  boolean quietFor(long intervalNanos, long nowNanos) {
    return waiting.isEmpty() && nowNanos - lastSendNanos >= intervalNanos && sink.isReady();
  }

  /** Sends a heartbeat (see {@link #quietFor}) at {@code nowNanos}. */
  void heartbeat(TicketEvent heartbeat, long nowNanos) {
    lastSendNanos = nowNanos;
    sink.heartbeat(heartbeat);
  }

  /** The last sequence the client received. */
  long lastSent() {
    return lastSent;
  }

  int size() {
    return waiting.size();
  }

  /** Drops what waits (the stream ends). */
  void clear() {
    waiting.clear();
  }
}
