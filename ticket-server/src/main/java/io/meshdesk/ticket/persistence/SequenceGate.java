package io.meshdesk.ticket.persistence;

import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one transaction per tenant at a time, in this process, take the tenant's counter row. That
 * row is locked from the statement that takes a sequence until commit; without the gate every
 * concurrent writer of a busy tenant queues on the row inside PostgreSQL, and each commit wakes all
 * of them to fight for it again (a convoy that costs more than the work). Waiting here is a parked
 * thread; PostgreSQL still orders writers of other instances.
 *
 * <p>Always entered before the row lock is taken, and left after commit or rollback, so it cannot
 * deadlock with the row lock.
 */
public final class SequenceGate {

  private static final int STRIPES = 64;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  public SequenceGate() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** One run's hold on the gate: entered at most once, left once. */
  public final class Hold {
    private final UUID tenant;
    private boolean held;

    private Hold(UUID tenant) {
      this.tenant = tenant;
    }

    /** Enters the tenant's gate unless this run already holds it. */
    public void enter() {
      if (!held) {
        lock(tenant).lock();
        held = true;
      }
    }

    /** Leaves the gate if this run entered it. */
    public void leave() {
      if (held) {
        held = false;
        lock(tenant).unlock();
      }
    }
  }

  /** A hold for one write run in {@code tenant} (not yet entered). */
  public Hold hold(UUID tenant) {
    return new Hold(tenant);
  }

  private ReentrantLock lock(UUID tenant) {
    return locks[Math.floorMod(tenant.hashCode(), STRIPES)];
  }
}
