package io.meshdesk.ai.assistant;

import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.resilience.CircuitBreaker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The assistant's language model behind bounded retries and a {@link CircuitBreaker}, with the
 * drafter path's settings (attempts, backoff, failure threshold, open time). Retryable failures
 * (HTTP 408, 429, 5xx, timeouts, network) are tried again with exponential backoff and jitter; a
 * turn that still fails counts against the breaker, and while the breaker is open a turn fails at
 * once without calling the model. Either way the caller answers offline ({@code
 * ConversationService}) and says why. Thread-safe when the model is.
 */
public final class ResilientAssistantModel implements AssistantModel {

  /** Waits between attempts; injected so tests do not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    /** Blocks for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * Retry settings.
   *
   * @param maxAttempts attempts per turn, at least 1
   * @param initialBackoff delay before the first retry, doubled each time
   * @param maxBackoff cap of the delay
   */
  public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Validates the settings. */
    public Retry {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }
  }

  private static final System.Logger LOG =
      System.getLogger(ResilientAssistantModel.class.getName());

  private final AssistantModel model;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  /**
   * @param model the model to protect
   * @param breaker tracks the model's health
   * @param retry attempts and backoff
   * @param sleeper waits between attempts
   * @param random uniform values in [0, 1) for the backoff jitter
   */
  public ResilientAssistantModel(
      AssistantModel model,
      CircuitBreaker breaker,
      Retry retry,
      Sleeper sleeper,
      DoubleSupplier random) {
    this.model = Objects.requireNonNull(model, "model");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public Reply reply(List<ConversationTurn> history, String question, Functions functions)
      throws DraftingException {
    if (!breaker.tryAcquire()) {
      throw new DraftingException(
          "circuit breaker open after repeated failures of " + model.name(), true);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        Reply reply = model.reply(history, question, functions);
        breaker.onSuccess();
        return reply;
      } catch (DraftingException e) {
        if (!e.retryable() || attempt >= retry.maxAttempts()) {
          breaker.onFailure();
          throw e;
        }
        Duration delay = backoff(attempt);
        int next = attempt + 1;
        LOG.log(
            Level.DEBUG,
            () -> model.name() + " failed, attempt " + next + " in " + delay + ": " + e);
        pause(delay, e);
      } catch (RuntimeException e) {
        breaker.release(); // a bug on our side says nothing about the model's health
        throw e;
      }
    }
  }

  /** Delay before retry number {@code attempt}: exponential, capped, half of it jittered. */
  Duration backoff(int attempt) {
    long initial = retry.initialBackoff().toMillis();
    long capped = Math.min(retry.maxBackoff().toMillis(), initial << Math.min(attempt - 1, 20));
    return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped / 2.0)));
  }

  private void pause(Duration delay, DraftingException failure) throws DraftingException {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      breaker.release();
      DraftingException e = new DraftingException("interrupted while waiting to retry", false, ie);
      e.addSuppressed(failure);
      throw e;
    }
  }
}
