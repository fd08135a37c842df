package io.meshdesk.ticket.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outgoing messages of one server stream, bounded: a message leaves only while the transport is
 * ready, so a client that stops reading costs at most {@code capacity} queued messages. Messages
 * with a key (presence, typing, collision notices) replace a queued one with the same key — the
 * latest wins, a stale update is never sent — and a new key is dropped when the queue is full.
 * Keyless messages (events, the welcome) are always queued; their producers pace themselves with
 * {@link #idle()}, so they never pile up.
 */
final class Outbound<T> {

  /** Messages one stream may hold for a client that does not read. */
  static final int CAPACITY = 256;

  private final ServerCallStreamObserver<T> out;
  private final int capacity;
  private final OutboundStats stats;
  private final LinkedHashMap<Object, T> queue = new LinkedHashMap<>();
  private long keyless;
  private boolean closed;
  private long lastSentNanos = System.nanoTime();

  Outbound(ServerCallStreamObserver<T> out, int capacity, OutboundStats stats) {
    this.out = out;
    this.capacity = capacity;
    this.stats = stats;
  }

  /** Queues a message that must arrive, and sends what the transport takes. */
  synchronized void offer(T message) {
    if (closed) {
      return;
    }
    if (queue.size() >= capacity) {
      evictOneKeyed();
    }
    queue.put(new Keyless(keyless++), message);
    queued();
  }

  /**
   * Queues a message that replaces any queued one with the same key, and sends what the transport
   * takes.
   */
  synchronized void offerLatest(Object key, T message) {
    if (closed) {
      return;
    }
    if (queue.containsKey(key)) {
      queue.put(key, message); // keeps its place in line, carries the latest state
      stats.countSuperseded();
    } else if (queue.size() >= capacity) {
      stats.countDropped();
      return;
    } else {
      queue.put(key, message);
    }
    queued();
  }

  /** Whether nothing waits and the transport takes more: a producer may send its next message. */
  synchronized boolean idle() {
    return !closed && queue.isEmpty() && out.isReady();
  }

  /**
   * Whether the stream is {@link #idle()} and has sent nothing since {@code sinceNanos} ({@link
   * System#nanoTime()}).
   */
  synchronized boolean quietSince(long sinceNanos) {
    return idle() && lastSentNanos - sinceNanos <= 0;
  }

  /**
   * Sends queued messages while the transport is ready (call from the stream's onReady handler).
   */
  synchronized void drain() {
    Iterator<Map.Entry<Object, T>> it = queue.entrySet().iterator();
    while (!closed && it.hasNext() && out.isReady()) {
      T message = it.next().getValue();
      it.remove();
      try {
        out.onNext(message);
        lastSentNanos = System.nanoTime();
      } catch (RuntimeException e) {
        closed = true; // cancelled meanwhile; the cancel handler cleans up
      }
    }
  }

  /** Drops what waits, sends {@code last} (when not null) and completes the stream. */
  synchronized void finish(T last) {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    try {
      if (last != null) {
        out.onNext(last);
      }
      out.onCompleted();
    } catch (RuntimeException e) {
      // already cancelled
    }
  }

  /** Drops what waits and ends the stream with an error. */
  synchronized void fail(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    queue.clear();
    try {
      out.onError(error);
    } catch (RuntimeException e) {
      // already cancelled
    }
  }

  /** Stops sending (the client went away). */
  synchronized void close() {
    closed = true;
    queue.clear();
  }

  /** Messages waiting now. */
  synchronized int size() {
    return queue.size();
  }

  private void queued() {
    stats.observe(queue.size());
    drain();
  }

  private void evictOneKeyed() {
    Iterator<Object> it = queue.keySet().iterator();
    while (it.hasNext()) {
      if (!(it.next() instanceof Keyless)) {
        it.remove();
        stats.countDropped();
        return;
      }
    }
  }

  private record Keyless(long n) {}
}
