package io.meshdesk.ticket.events;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open event streams of this instance that want heartbeats. {@link #tick()} (run periodically,
 * several times per interval) asks each to send one if it has been idle for {@link #interval()};
 * streams that ended are forgotten.
 */
public final class Heartbeats {

  /** One stream. */
  public interface Beat {
    /**
     * Sends a heartbeat if the stream has sent nothing for the interval (and may send now).
     *
     * @param nowNanos {@link System#nanoTime()} of this tick
     * @return false once the stream has ended, so it is forgotten
     */
    boolean beat(long nowNanos);
  }

  private final Duration interval;
  private final Set<Beat> beats = ConcurrentHashMap.newKeySet();

  /**
   * @param interval how long a stream stays silent before it gets a heartbeat
   */
  public Heartbeats(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("heartbeat interval must be positive");
    }
    this.interval = interval;
  }

  /** The idle time after which a stream gets a heartbeat. */
  public Duration interval() {
    return interval;
  }

  /**
   * How often {@link #tick()} should run: a quarter of the interval, so a heartbeat is at most that
   * late.
   */
  public Duration tickEvery() {
    return interval.dividedBy(4).compareTo(Duration.ofMillis(10)) < 0
        ? Duration.ofMillis(10)
        : interval.dividedBy(4);
  }

  /** Starts heartbeats for a stream. */
  public void add(Beat b) {
    beats.add(b);
  }

  /** Stops heartbeats for a stream. */
  public void remove(Beat b) {
    beats.remove(b);
  }

  /** Open streams (diagnostics). */
  public int size() {
    return beats.size();
  }

  /** Gives every idle stream its heartbeat. */
  public void tick() {
    long now = System.nanoTime();
    beats.removeIf(
        b -> {
          try {
            return !b.beat(now);
          } catch (RuntimeException e) {
            return true; // the stream broke; its own error path ends it
          }
        });
  }
}
