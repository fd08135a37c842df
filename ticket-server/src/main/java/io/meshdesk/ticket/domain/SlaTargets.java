package io.meshdesk.ticket.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's SLA targets per priority, and the deadline arithmetic: first response counts from
 * creation; resolution counts from creation excluding time spent pending.
 */
public record SlaTargets(Map<Priority, Target> byPriority) {

  /** Targets of one priority. */
  public record Target(Duration firstResponse, Duration resolution) {}

  public SlaTargets {
    byPriority = Map.copyOf(byPriority);
  }

  /** No targets at all. */
  public static SlaTargets none() {
    return new SlaTargets(Map.of());
  }

  /** The targets of a priority, if any. */
  public Optional<Target> forPriority(Priority priority) {
    return Optional.ofNullable(byPriority.get(priority));
  }

  /** First-response deadline of a ticket created at {@code createdAt}. */
  public Optional<Instant> firstResponseDue(Priority priority, Instant createdAt) {
    return forPriority(priority).map(t -> createdAt.plus(t.firstResponse()));
  }

  /**
   * Resolution deadline of a ticket created at {@code createdAt} that has spent {@code pausedFor}
   * pending so far.
   */
  public Optional<Instant> resolutionDue(Priority priority, Instant createdAt, Duration pausedFor) {
    return forPriority(priority).map(t -> createdAt.plus(t.resolution()).plus(pausedFor));
  }
}
