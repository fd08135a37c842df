package io.meshdesk.ai.resilience;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A circuit breaker that stops calling a failing dependency for a while.
 *
 * <p>{@link State#CLOSED}: calls pass; {@code failureThreshold} consecutive failures open it.
 * {@link State#OPEN}: calls are refused until {@code openDuration} has passed, then one trial call
 * is let through ({@link State#HALF_OPEN}); its success closes the breaker, its failure opens it
 * again for another {@code openDuration}. While the trial runs, other calls are refused.
 *
 * <p>Callers ask {@link #tryAcquire()} before each call and, when it was granted, report exactly
 * one of {@link #onSuccess()}, {@link #onFailure()} or {@link #release()}. Thread-safe.
 */
public final class CircuitBreaker {

  /** Breaker state. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private static final System.Logger LOG = System.getLogger(CircuitBreaker.class.getName());

  private final String name;
  private final int failureThreshold;
  private final Duration openDuration;
  private final Clock clock;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  private Instant openedAt = Instant.MIN;
  private boolean trialInFlight;

  /**
   * @param name what is protected, for log lines
   * @param failureThreshold consecutive failures that open the breaker, at least 1
   * @param openDuration how long it stays open before a trial call, positive
   * @param clock time source
   */
  public CircuitBreaker(String name, int failureThreshold, Duration openDuration, Clock clock) {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException(
          "failureThreshold must be at least 1, got " + failureThreshold);
    }
    if (openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("openDuration must be positive, got " + openDuration);
    }
    this.name = Objects.requireNonNull(name, "name");
    this.failureThreshold = failureThreshold;
    this.openDuration = openDuration;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether a call may go ahead now; when true, report its outcome. */
  public synchronized boolean tryAcquire() {
    switch (state) {
      case CLOSED -> {
        return true;
      }
      case OPEN -> {
        if (clock.instant().isBefore(openedAt.plus(openDuration))) {
          return false;
        }
        transition(State.HALF_OPEN);
        trialInFlight = true;
        return true;
      }
      default -> {
        if (trialInFlight) {
          return false;
        }
        trialInFlight = true;
        return true;
      }
    }
  }

  /** The granted call succeeded: the breaker closes and the failure count restarts. */
  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    trialInFlight = false;
    if (state != State.CLOSED) {
      transition(State.CLOSED);
    }
  }

  /** The granted call failed. */
  public synchronized void onFailure() {
    trialInFlight = false;
    consecutiveFailures++;
    if (state == State.HALF_OPEN
        || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
      openedAt = clock.instant();
      transition(State.OPEN);
    }
  }

  /** The granted call ended without telling anything about the dependency's health. */
  public synchronized void release() {
    trialInFlight = false;
  }

  /** The current state (an expired {@link State#OPEN} turns half-open at the next call). */
  public synchronized State state() {
    return state;
  }

  private void transition(State next) {
    String detail =
        next == State.OPEN
            ? " for " + openDuration + " after " + consecutiveFailures + " failure(s)"
            : "";
    LOG.log(
        next == State.OPEN ? Level.WARNING : Level.INFO,
        () -> "circuit breaker '" + name + "' " + state + " -> " + next + detail);
    state = next;
  }
}
