package io.meshdesk.reminder.dispatch;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one dispatch instance (metrics and benchmarks). */
public final class DispatchStats {

  /** Messages put on the stream by the pump (first time and re-enqueued). */
  public final LongAdder enqueued = new LongAdder();

  /** Messages taken over from a dead or slow worker. */
  public final LongAdder claimed = new LongAdder();

  /** Deliveries the destination accepted. */
  public final LongAdder delivered = new LongAdder();

  /** Failed attempts. */
  public final LongAdder failed = new LongAdder();

  /** Deliveries moved to the dead-letter state. */
  public final LongAdder deadLettered = new LongAdder();

  /** Messages acked without sending (already delivered, cancelled, not due, leased elsewhere). */
  public final LongAdder skipped = new LongAdder();
}
