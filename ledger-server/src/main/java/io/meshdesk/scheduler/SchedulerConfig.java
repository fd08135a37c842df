package io.meshdesk.scheduler;

import io.meshdesk.platform.config.Env;
import java.time.Duration;
import java.time.LocalTime;

/**
 * Settings of the daily scheduler.
 *
 * @param enabled whether this instance competes for leadership ({@code MESHDESK_SCHEDULER_ENABLED},
 *     true)
 * @param tick how often the leader looks for due runs and renews its lease ({@code
 *     MESHDESK_SCHEDULER_TICK}, 1s)
 * @param leaseTtl how long leadership lasts without renewal: the takeover time after a leader dies
 *     ({@code MESHDESK_SCHEDULER_LEASE_TTL}, 5s)
 * @param runAt local time (tenant zone) from which a day's jobs run ({@code
 *     MESHDESK_SCHEDULER_RUN_AT}, 00:15)
 * @param maxCatchUpDays how many missed days a leader catches up after downtime (31)
 */
public record SchedulerConfig(
    boolean enabled, Duration tick, Duration leaseTtl, LocalTime runAt, int maxCatchUpDays) {

  public SchedulerConfig {
    if (leaseTtl.compareTo(tick.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("leaseTtl must be at least two ticks");
    }
  }

  /** Production defaults. */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(
        true, Duration.ofSeconds(1), Duration.ofSeconds(5), LocalTime.of(0, 15), 31);
  }

  /** Reads {@code MESHDESK_SCHEDULER_*} over the defaults. */
  public static SchedulerConfig fromEnv(Env env) {
    SchedulerConfig d = defaults();
    return new SchedulerConfig(
        env.bool("MESHDESK_SCHEDULER_ENABLED", d.enabled),
        env.duration("MESHDESK_SCHEDULER_TICK", d.tick),
        env.duration("MESHDESK_SCHEDULER_LEASE_TTL", d.leaseTtl),
        LocalTime.parse(env.string("MESHDESK_SCHEDULER_RUN_AT", d.runAt.toString())),
        d.maxCatchUpDays);
  }
}
