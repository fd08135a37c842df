package io.meshdesk.platform.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the server's dependencies on a fixed interval and reports the overall state whenever it
 * changes: serving only while every check passes.
 */
public final class DependencyMonitor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DependencyMonitor.class);

  private final List<HealthCheck> checks;
  private final Consumer<Boolean> onChange;
  private final ScheduledExecutorService scheduler;
  private volatile Boolean lastState;

  /**
   * @param checks the dependencies to probe
   * @param onChange called with true (all healthy) or false on the first probe and on each change
   */
  public DependencyMonitor(List<HealthCheck> checks, Consumer<Boolean> onChange) {
    this.checks = List.copyOf(checks);
    this.onChange = onChange;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("dependency-monitor").unstarted(r));
  }

  /** Probes once now, then every {@code interval}. */
  public void start(Duration interval) {
    probe();
    scheduler.scheduleWithFixedDelay(
        this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs every check once and reports a change. Returns the overall state. */
  public synchronized boolean probe() {
    boolean all = true;
    for (HealthCheck check : checks) {
      boolean ok;
      try {
        ok = check.healthy();
      } catch (RuntimeException e) {
        ok = false;
      }
      if (!ok) {
        all = false;
        if (!Boolean.FALSE.equals(lastState)) {
          log.warn("dependency {} is unreachable", check.name());
        }
      }
    }
    if (lastState == null || lastState != all) {
      if (lastState != null && all) {
        log.info("all dependencies reachable again");
      }
      lastState = all;
      onChange.accept(all);
    }
    return all;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
