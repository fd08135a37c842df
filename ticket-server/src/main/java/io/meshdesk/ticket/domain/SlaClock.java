package io.meshdesk.ticket.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticket's SLA deadlines and how they move: set on creation, shifted when the priority changes,
 * frozen while pending (the resolution clock pauses) and resumed afterwards, and flagged as
 * breached when a change meets them late. Null instants mean "no such deadline" or "not yet".
 *
 * @param createdAt when the ticket was opened; the targets count from here
 * @param firstResponseDue first-response deadline, or null
 * @param firstRespondedAt when the support team first replied publicly, or null
 * @param resolutionDue resolution deadline while the clock runs, or null
 * @param resolutionRemainingMs resolution time left while the clock is paused (pending), or null
 * @param firstResponseBreached whether the first-response deadline was flagged as missed
 * @param resolutionBreached whether the resolution deadline was flagged as missed
 */
public record SlaClock(
    Instant createdAt,
    Instant firstResponseDue,
    Instant firstRespondedAt,
    Instant resolutionDue,
    Long resolutionRemainingMs,
    boolean firstResponseBreached,
    boolean resolutionBreached) {

  /** A deadline that a change met after it had passed. */
  public record Breach(SlaMetric metric, Instant dueAt) {}

  /** The clock of a ticket of {@code priority} opened at {@code now}. */
  public static SlaClock start(Priority priority, SlaTargets targets, Instant now) {
    return new SlaClock(
        now,
        targets.firstResponseDue(priority, now).orElse(null),
        null,
        targets.resolutionDue(priority, now, Duration.ZERO).orElse(null),
        null,
        false,
        false);
  }

  /** Shifts the deadlines by the difference between the old and the new priority's targets. */
  public SlaClock reprioritised(Status status, Priority from, Priority to, SlaTargets targets) {
    Instant frDue =
        firstRespondedAt == null
            ? targets.firstResponseDue(to, createdAt).orElse(null)
            : firstResponseDue;
    Duration oldTarget = targets.forPriority(from).map(SlaTargets.Target::resolution).orElse(null);
    Duration newTarget = targets.forPriority(to).map(SlaTargets.Target::resolution).orElse(null);
    Instant resDue = resolutionDue;
    Long remaining = resolutionRemainingMs;
    if (newTarget == null) {
      resDue = null;
      remaining = null;
    } else if (status == Status.PENDING) {
      long base = remaining != null && oldTarget != null ? remaining - oldTarget.toMillis() : 0;
      remaining = newTarget.toMillis() + base;
    } else if (resDue != null && oldTarget != null) {
      resDue = resDue.minus(oldTarget).plus(newTarget);
    } else {
      resDue = createdAt.plus(newTarget);
    }
    return new SlaClock(
        createdAt,
        frDue,
        firstRespondedAt,
        resDue,
        remaining,
        firstResponseBreached,
        resolutionBreached);
  }

  /**
   * Pauses the resolution clock when the ticket goes pending, resumes it when it leaves pending.
   */
  public SlaClock statusChanged(Status from, Status to, Instant now) {
    if (to == Status.PENDING && from != Status.PENDING && resolutionDue != null) {
      long remaining = Duration.between(now, resolutionDue).toMillis();
      return new SlaClock(
          createdAt,
          firstResponseDue,
          firstRespondedAt,
          null,
          remaining,
          firstResponseBreached,
          resolutionBreached);
    }
    if (from == Status.PENDING && to != Status.PENDING && resolutionRemainingMs != null) {
      Instant due = now.plusMillis(resolutionRemainingMs).truncatedTo(ChronoUnit.MICROS);
      return new SlaClock(
          createdAt,
          firstResponseDue,
          firstRespondedAt,
          due,
          null,
          firstResponseBreached,
          resolutionBreached);
    }
    return this;
  }

  /** The clock after the support team's first public reply at {@code now}. */
  public SlaClock responded(Instant now) {
    return firstRespondedAt != null
        ? this
        : new SlaClock(
            createdAt,
            firstResponseDue,
            now,
            resolutionDue,
            resolutionRemainingMs,
            firstResponseBreached,
            resolutionBreached);
  }

  /**
   * The deadlines that a first response ({@code responded}) or a solve ({@code solved}) at {@code
   * now} meets after they passed and that are not flagged yet. Solving a ticket nobody answered
   * also meets its first-response deadline.
   */
  public List<Breach> metLate(Instant now, boolean responded, boolean solved) {
    List<Breach> late = new ArrayList<>(2);
    boolean firstResponseMet = responded || (solved && firstRespondedAt == null);
    if (firstResponseMet && !firstResponseBreached && passed(firstResponseDue, now)) {
      late.add(new Breach(SlaMetric.FIRST_RESPONSE, firstResponseDue));
    }
    if (solved && !resolutionBreached && passed(resolutionDue, now)) {
      late.add(new Breach(SlaMetric.RESOLUTION, resolutionDue));
    }
    return late;
  }

  /** The clock with the given deadlines flagged as breached. */
  public SlaClock flagged(List<Breach> breaches) {
    boolean fr = firstResponseBreached;
    boolean res = resolutionBreached;
    for (Breach b : breaches) {
      fr |= b.metric() == SlaMetric.FIRST_RESPONSE;
      res |= b.metric() == SlaMetric.RESOLUTION;
    }
    return new SlaClock(
        createdAt,
        firstResponseDue,
        firstRespondedAt,
        resolutionDue,
        resolutionRemainingMs,
        fr,
        res);
  }

  private static boolean passed(Instant due, Instant now) {
    return due != null && !due.isAfter(now);
  }
}
