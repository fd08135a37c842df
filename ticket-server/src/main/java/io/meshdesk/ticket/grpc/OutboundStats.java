package io.meshdesk.ticket.grpc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of the outgoing stream queues of one service instance (diagnostics, tests): the longest
 * queue seen, and the updates superseded by a newer one or dropped while a client did not read.
 */
public final class OutboundStats {

  private final AtomicInteger peak = new AtomicInteger();
  private final AtomicLong superseded = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  void observe(int size) {
    peak.accumulateAndGet(size, Math::max);
  }

  void countSuperseded() {
    superseded.incrementAndGet();
  }

  void countDropped() {
    dropped.incrementAndGet();
  }

  /** The longest any stream's queue has been. */
  public int peakQueued() {
    return peak.get();
  }

  /** Queued updates replaced by a newer one with the same key before they were sent. */
  public long superseded() {
    return superseded.get();
  }

  /** Updates dropped because a stream's queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** The per-stream bound. */
  public int capacity() {
    return Outbound.CAPACITY;
  }
}
