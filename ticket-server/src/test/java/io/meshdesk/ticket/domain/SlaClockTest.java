package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaClockTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SlaTargets TARGETS =
      new SlaTargets(
          Map.of(
              Priority.NORMAL, new SlaTargets.Target(Duration.ofHours(4), Duration.ofHours(24)),
              Priority.URGENT, new SlaTargets.Target(Duration.ofMinutes(30), Duration.ofHours(4))));

  @Test
  void newTicketGetsDeadlinesFromItsPriorityTargets() {
    SlaClock c = SlaClock.start(Priority.NORMAL, TARGETS, T0);

    assertThat(c.firstResponseDue()).isEqualTo(T0.plus(Duration.ofHours(4)));
    assertThat(c.resolutionDue()).isEqualTo(T0.plus(Duration.ofHours(24)));
  }

  @Test
  void priorityWithoutTargetsHasNoDeadlines() {
    SlaClock c = SlaClock.start(Priority.LOW, TARGETS, T0);

    assertThat(c.firstResponseDue()).isNull();
    assertThat(c.resolutionDue()).isNull();
  }

  @Test
  void raisingThePriorityShiftsDeadlinesByTheDifferenceOfTargets() {
    SlaClock c =
        SlaClock.start(Priority.NORMAL, TARGETS, T0)
            .reprioritised(Status.OPEN, Priority.NORMAL, Priority.URGENT, TARGETS);

    assertThat(c.firstResponseDue()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(c.resolutionDue()).isEqualTo(T0.plus(Duration.ofHours(4)));
  }

  @Test
  void reprioritisingAfterTheFirstResponseKeepsItsDeadline() {
    SlaClock c =
        SlaClock.start(Priority.NORMAL, TARGETS, T0)
            .responded(T0.plusSeconds(60))
            .reprioritised(Status.OPEN, Priority.NORMAL, Priority.URGENT, TARGETS);

    assertThat(c.firstResponseDue()).isEqualTo(T0.plus(Duration.ofHours(4)));
  }

  @Test
  void pendingPausesTheResolutionClockAndLeavingResumesIt() {
    SlaClock paused =
        SlaClock.start(Priority.NORMAL, TARGETS, T0)
            .statusChanged(Status.OPEN, Status.PENDING, T0.plus(Duration.ofHours(1)));

    assertThat(paused.resolutionDue()).isNull();
    assertThat(paused.resolutionRemainingMs()).isEqualTo(Duration.ofHours(23).toMillis());

    SlaClock resumed =
        paused.statusChanged(Status.PENDING, Status.OPEN, T0.plus(Duration.ofHours(10)));

    assertThat(resumed.resolutionRemainingMs()).isNull();
    assertThat(resumed.resolutionDue()).isEqualTo(T0.plus(Duration.ofHours(33)));
  }

  @Test
  void reprioritisingWhilePendingAdjustsTheRemainingTime() {
    SlaClock paused =
        SlaClock.start(Priority.NORMAL, TARGETS, T0)
            .statusChanged(Status.OPEN, Status.PENDING, T0.plus(Duration.ofHours(1)));

    SlaClock c = paused.reprioritised(Status.PENDING, Priority.NORMAL, Priority.URGENT, TARGETS);

    assertThat(c.resolutionDue()).isNull();
    assertThat(c.resolutionRemainingMs()).isEqualTo(Duration.ofHours(3).toMillis());
  }

  @Test
  void firstResponseAfterItsDeadlineIsABreachReportedOnce() {
    SlaClock c = SlaClock.start(Priority.URGENT, TARGETS, T0);
    Instant late = T0.plus(Duration.ofMinutes(31));

    List<SlaClock.Breach> breaches = c.metLate(late, true, false);

    assertThat(breaches)
        .containsExactly(
            new SlaClock.Breach(SlaMetric.FIRST_RESPONSE, T0.plus(Duration.ofMinutes(30))));
    assertThat(c.flagged(breaches).metLate(late, true, false)).isEmpty();
  }

  @Test
  void responseBeforeTheDeadlineIsNoBreach() {
    SlaClock c = SlaClock.start(Priority.URGENT, TARGETS, T0);

    assertThat(c.metLate(T0.plus(Duration.ofMinutes(29)), true, false)).isEmpty();
  }

  @Test
  void solvingLateBreachesResolutionAndAnUnansweredFirstResponse() {
    SlaClock c = SlaClock.start(Priority.URGENT, TARGETS, T0);

    assertThat(c.metLate(T0.plus(Duration.ofHours(5)), false, true))
        .extracting(SlaClock.Breach::metric)
        .containsExactly(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION);
    assertThat(c.responded(T0.plusSeconds(1)).metLate(T0.plus(Duration.ofHours(5)), false, true))
        .extracting(SlaClock.Breach::metric)
        .containsExactly(SlaMetric.RESOLUTION);
  }

  @Test
  void flaggedClockRecordsBothMetrics() {
    SlaClock c =
        SlaClock.start(Priority.URGENT, TARGETS, T0)
            .flagged(List.of(new SlaClock.Breach(SlaMetric.RESOLUTION, T0)));

    assertThat(c.resolutionBreached()).isTrue();
    assertThat(c.firstResponseBreached()).isFalse();
  }
}
