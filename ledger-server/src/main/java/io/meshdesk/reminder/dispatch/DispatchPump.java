package io.meshdesk.reminder.dispatch;

import io.meshdesk.reminder.persistence.DeliveryStore;
import io.meshdesk.scheduler.TenantDirectory;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves due delivery rows onto the stream, and is also the sweep that repairs what Redis lost: when
 * the epoch key kept in Redis vanished (Redis restarted empty) every open row is enqueued again,
 * and as a safety net a row stamped as enqueued that nobody leased within {@code requeueAfter} is
 * enqueued again too. Safe to run on every instance at once (rows are picked with SKIP LOCKED; a
 * duplicate message is harmless because a worker must lease the row first).
 */
public final class DispatchPump implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DispatchPump.class);
  private static final int PAGE = 1000;

  private final DeliveryStore store;
  private final DispatchQueue queue;
  private final TenantDirectory tenants;
  private final DispatchConfig config;
  private final Clock clock;
  private final DispatchStats stats;
  private String epoch;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("reminder-pump").unstarted(r));

  public DispatchPump(
      DeliveryStore store,
      DispatchQueue queue,
      TenantDirectory tenants,
      DispatchConfig config,
      Clock clock,
      DispatchStats stats) {
    this.store = store;
    this.queue = queue;
    this.tenants = tenants;
    this.config = config;
    this.clock = clock;
    this.stats = stats;
  }

  /** Starts pumping every {@code pumpInterval}. */
  public DispatchPump start() {
    long every = config.pumpInterval().toMillis();
    timer.scheduleWithFixedDelay(this::safeRunOnce, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Pumps now instead of at the next tick (after a scheduler run created rows). */
  public void wakeUp() {
    timer.execute(this::safeRunOnce);
  }

  /** One pass over every tenant; returns how many messages were put on the stream. */
  public synchronized int runOnce() {
    List<TenantDirectory.TenantZone> all = tenants.tenants();
    DispatchQueue.Epoch current = queue.epoch();
    if (current.createdNow() || (epoch != null && !epoch.equals(current.value()))) {
      // Redis came back empty: every message on the stream is gone, so send every open row again.
      int n = 0;
      for (TenantDirectory.TenantZone t : all) {
        n += store.forgetEnqueued(t.tenantId());
      }
      queue.ensureGroup();
      log.info(
          "Redis lost its data (new epoch {}); re-enqueueing {} open reminders",
          current.value(),
          n);
    }
    epoch = current.value();
    int total = 0;
    for (TenantDirectory.TenantZone t : all) {
      total += pumpTenant(t.tenantId());
    }
    return total;
  }

  private int pumpTenant(UUID tenantId) {
    int total = 0;
    List<UUID> ids;
    do {
      ids = store.pickForStream(tenantId, clock.instant(), config.requeueAfter(), PAGE);
      if (ids.isEmpty()) {
        break;
      }
      try {
        queue.publish(tenantId, ids);
      } catch (RuntimeException e) {
        // Redis is down: the rows wait in PostgreSQL and go out on a later tick.
        store.unmarkEnqueued(tenantId, ids);
        throw e;
      }
      stats.enqueued.add(ids.size());
      total += ids.size();
    } while (ids.size() == PAGE);
    return total;
  }

  private void safeRunOnce() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.warn("reminder pump pass failed (retrying next tick): {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
