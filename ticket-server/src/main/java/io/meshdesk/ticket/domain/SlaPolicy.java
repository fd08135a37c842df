package io.meshdesk.ticket.domain;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's SLA policy: its targets by priority, and which change of it this is.
 *
 * @param version 0 while never set, then one more per replacement
 * @param updatedAt when it was last replaced; null while never set
 * @param updatedBy who last replaced it; null while never set
 * @param targets ordered by priority
 */
public record SlaPolicy(long version, Instant updatedAt, Actor updatedBy, List<SlaTarget> targets) {

  public SlaPolicy {
    targets = List.copyOf(targets);
  }

  /** The policy of a tenant that never set one. */
  public static SlaPolicy unset() {
    return new SlaPolicy(0, null, null, List.of());
  }
}
