package io.meshdesk.ai.resilience;

import io.meshdesk.ai.drafting.DraftingException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Bounded retries of a call to a language model: a failure whose {@link
 * DraftingException#retryable()} is true (HTTP 408, 429, 5xx, timeouts, network) is tried again
 * after an exponential, capped backoff with half of it jittered, up to {@link Policy#maxAttempts()}
 * attempts; any other failure, and the last one, reaches the caller. The Gemini drafter and the
 * assistant's model share it. Thread-safe when the sleeper and the random source are.
 */
public final class Retry {

  /** Waits between attempts; injected so tests record the waits instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    /** Blocks for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  /** One attempt of the call. */
  @FunctionalInterface
  public interface Attempt<T> {
    /** Runs the call once. */
    T run() throws DraftingException;
  }

  /** A caller's further condition on a retry, such as a deadline the delay must fit in. */
  @FunctionalInterface
  public interface Guard {
    /** Whether {@code failure}, retryable and not the last attempt, may be retried after delay. */
    boolean allows(DraftingException failure, Duration delay);
  }

  /**
   * Attempts and backoff.
   *
   * @param maxAttempts attempts per call, at least 1
   * @param initialBackoff delay before the first retry, doubled for each further one
   * @param maxBackoff cap of the delay
   */
  public record Policy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Validates the settings. */
    public Policy {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }
  }

  /** Thrown when the thread was interrupted while waiting to retry; never retryable. */
  public static final class Interrupted extends DraftingException {
    private static final long serialVersionUID = 1L;

    Interrupted(String target, InterruptedException cause, DraftingException last) {
      super("interrupted while waiting to retry " + target, false, cause);
      addSuppressed(last);
    }
  }

  private static final System.Logger LOG = System.getLogger(Retry.class.getName());

  private final String target;
  private final Policy policy;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  /**
   * @param target what is called, for messages (e.g. "Gemini")
   * @param policy attempts and backoff
   * @param sleeper waits between attempts
   * @param random uniform values in [0, 1) for the jitter
   */
  public Retry(String target, Policy policy, Sleeper sleeper, DoubleSupplier random) {
    this.target = Objects.requireNonNull(target, "target");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A sleeper that really waits. */
  public static Sleeper realTime() {
    return Thread::sleep;
  }

  /** Whether an HTTP status is worth another try: 408, 429 and every 5xx. */
  public static boolean retryableStatus(int httpStatus) {
    return httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
  }

  /** Runs {@code attempt} until it succeeds or may not be retried; see the class comment. */
  public <T> T call(Attempt<T> attempt) throws DraftingException {
    return call(attempt, (failure, delay) -> true);
  }

  /**
   * As {@link #call(Attempt)}, retrying only when {@code guard} also allows it.
   *
   * @throws Interrupted when interrupted while waiting (the interrupt flag is set again)
   */
  public <T> T call(Attempt<T> attempt, Guard guard) throws DraftingException {
    for (int n = 1; ; n++) {
      try {
        return attempt.run();
      } catch (DraftingException e) {
        Duration delay = backoff(n);
        if (!e.retryable() || n >= policy.maxAttempts() || !guard.allows(e, delay)) {
          throw e;
        }
        int next = n + 1;
        LOG.log(
            Level.DEBUG,
            () -> target + " failed, attempt " + next + " in " + delay + ": " + e.getMessage());
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new Interrupted(target, ie, e);
        }
      }
    }
  }

  /** Delay before retry number {@code attempt}: exponential, capped, with half of it jittered. */
  public Duration backoff(int attempt) {
    long initial = policy.initialBackoff().toMillis();
    long capped = Math.min(policy.maxBackoff().toMillis(), initial << Math.min(attempt - 1, 20));
    return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random.getAsDouble()));
  }
}
