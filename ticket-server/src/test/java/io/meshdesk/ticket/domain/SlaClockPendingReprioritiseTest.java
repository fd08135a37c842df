package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Changing the priority of a pending ticket moves its paused resolution time, and status changes
 * that neither enter nor leave pending leave the clock alone.
 */
class SlaClockPendingReprioritiseTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SlaTargets TARGETS =
      new SlaTargets(
          Map.of(
              Priority.NORMAL,
              new SlaTargets.Target(Duration.ofHours(4), Duration.ofHours(24)),
              Priority.URGENT,
              new SlaTargets.Target(Duration.ofMinutes(30), Duration.ofHours(4))));

  @Test
  void pendingTicketKeepsTheTimeItUsedWhenItsPriorityChanges() {
    // 3 h of the 24 h NORMAL target used, then paused: 21 h remain.
    SlaClock paused =
        SlaClock.start(Priority.NORMAL, TARGETS, T0)
            .statusChanged(Status.OPEN, Status.PENDING, T0.plus(Duration.ofHours(3)));

    SlaClock urgent =
        paused.reprioritised(Status.PENDING, Priority.NORMAL, Priority.URGENT, TARGETS);

    // URGENT allows 4 h, 3 h are used: 1 h remains.
    assertThat(urgent.resolutionRemainingMs()).isEqualTo(Duration.ofHours(1).toMillis());
    assertThat(urgent.resolutionDue()).isNull();
  }

  @Test
  void pendingTicketWithoutPausedTimeGetsTheWholeNewTarget() {
    SlaClock paused =
        SlaClock.start(Priority.LOW, TARGETS, T0)
            .statusChanged(Status.OPEN, Status.PENDING, T0.plus(Duration.ofHours(3)));

    SlaClock urgent = paused.reprioritised(Status.PENDING, Priority.LOW, Priority.URGENT, TARGETS);

    assertThat(urgent.resolutionRemainingMs()).isEqualTo(Duration.ofHours(4).toMillis());
  }

  @Test
  void pausedTimeFromAPriorityThatLostItsTargetIsReplacedByTheNewTarget() {
    SlaClock paused =
        new SlaClock(T0, null, null, null, Duration.ofHours(2).toMillis(), false, false);

    SlaClock normal = paused.reprioritised(Status.PENDING, Priority.LOW, Priority.NORMAL, TARGETS);

    assertThat(normal.resolutionRemainingMs()).isEqualTo(Duration.ofHours(24).toMillis());
  }

  @Test
  void resumedTicketKeepsItsPausedTimeWhenItsPriorityChanges() {
    // Pending from 1 h to 3 h: the NORMAL deadline moved from T0+24h to T0+26h.
    SlaClock resumed =
        SlaClock.start(Priority.NORMAL, TARGETS, T0)
            .statusChanged(Status.OPEN, Status.PENDING, T0.plus(Duration.ofHours(1)))
            .statusChanged(Status.PENDING, Status.OPEN, T0.plus(Duration.ofHours(3)));

    SlaClock urgent = resumed.reprioritised(Status.OPEN, Priority.NORMAL, Priority.URGENT, TARGETS);

    // URGENT's 4 h plus the 2 h spent pending.
    assertThat(urgent.resolutionDue()).isEqualTo(T0.plus(Duration.ofHours(6)));
  }

  @Test
  void statusChangeOutsidePendingLeavesTheClockUnchanged() {
    SlaClock clock = SlaClock.start(Priority.NORMAL, TARGETS, T0);

    assertThat(clock.statusChanged(Status.NEW, Status.OPEN, T0.plusSeconds(60))).isEqualTo(clock);
  }
}
