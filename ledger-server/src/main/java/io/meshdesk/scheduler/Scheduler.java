package io.meshdesk.scheduler;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily scheduler. Every instance runs one; the one holding the {@link LeaderLease} does the
 * work. For each tenant, each local day from the last recorded run up to today (a day counts from
 * {@code runAt} in the tenant's zone) runs every job once, in order. Days are counted in local
 * dates, so a daylight-saving change neither skips nor repeats one; a run that crashed is resumed
 * by whichever instance leads next.
 */
public final class Scheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final LeaderLease lease;
  private final JobRuns runs;
  private final TenantDirectory tenants;
  private final List<ScheduledJob> jobs;
  private final SchedulerConfig config;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private volatile boolean killed;

  public Scheduler(
      LeaderLease lease,
      JobRuns runs,
      TenantDirectory tenants,
      List<ScheduledJob> jobs,
      SchedulerConfig config,
      Clock clock) {
    this.lease = lease;
    this.runs = runs;
    this.tenants = tenants;
    this.jobs = List.copyOf(jobs);
    this.config = config;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("scheduler-" + lease.holder()).unstarted(r));
  }

  /** Starts ticking. */
  public Scheduler start() {
    long every = config.tick().toMillis();
    timer.scheduleWithFixedDelay(this::safeTick, 0, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The local day whose jobs are due at {@code now} in {@code zone}. */
  public LocalDate dueDay(Instant now, ZoneId zone) {
    LocalDate local = now.atZone(zone).toLocalDate();
    Instant start = ZonedDateTime.of(local, config.runAt(), zone).toInstant();
    return now.isBefore(start) ? local.minusDays(1) : local;
  }

  /** One pass: if leader, run what is due. Returns whether this instance led. */
  public boolean tick() {
    OptionalLong fence = lease.acquireOrRenew();
    if (fence.isEmpty() || killed) {
      return false;
    }
    for (TenantDirectory.TenantZone t : tenants.tenants()) {
      runTenant(t, fence.getAsLong());
    }
    return true;
  }

  private void runTenant(TenantDirectory.TenantZone t, long fence) {
    LocalDate today = dueDay(clock.instant(), t.zone());
    for (ScheduledJob job : jobs) {
      LocalDate from = runs.latestDay(t.tenantId(), job.name()).orElse(today);
      LocalDate floor = today.minusDays(config.maxCatchUpDays());
      for (LocalDate day = from.isBefore(floor) ? floor : from;
          !day.isAfter(today);
          day = day.plusDays(1)) {
        if (killed || lease.acquireOrRenew().orElse(-1) != fence) {
          throw new LostLeadership();
        }
        if (runs.begin(t.tenantId(), job.name(), day, fence, clock.instant())) {
          job.run(t.tenantId(), day, t.zone());
          if (!runs.finish(t.tenantId(), job.name(), day, fence, clock.instant())) {
            throw new LostLeadership();
          }
        }
      }
    }
  }

  private void safeTick() {
    try {
      tick();
    } catch (LostLeadership e) {
      log.info("scheduler {} lost leadership mid-run; the next leader resumes", lease.holder());
    } catch (RuntimeException e) {
      log.warn("scheduler tick failed (retrying next tick): {}", e.toString());
    }
  }

  /** Stops as if the process died: no lease release, work in flight abandoned (tests). */
  public void kill() {
    killed = true;
    timer.shutdownNow();
  }

  /** Stops and gives up leadership so another instance takes over at once. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!killed) {
      try {
        lease.release();
      } catch (RuntimeException e) {
        log.debug("lease release failed: {}", e.toString());
      }
    }
  }

  /** This instance stopped being the leader during a run. */
  static final class LostLeadership extends RuntimeException {
    LostLeadership() {
      super("lost scheduler leadership", null, false, false);
    }
  }
}
