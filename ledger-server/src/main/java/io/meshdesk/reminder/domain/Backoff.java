package io.meshdesk.reminder.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in [base*2^(n-1)/2,
 * base*2^(n-1)], capped at {@code max}, so retries of many deliveries spread out.
 *
 * @param base wait after the first failure (upper bound)
 * @param max cap of any wait
 */
public record Backoff(Duration base, Duration max) {

  /** The wait before the attempt that follows {@code failedAttempts} failures (at least 1). */
  public Duration delayAfter(int failedAttempts) {
    long ceiling = base.toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 20);
    ceiling = Math.min(Math.max(ceiling, 1), max.toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }
}
