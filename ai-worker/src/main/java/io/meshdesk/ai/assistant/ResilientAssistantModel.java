package io.meshdesk.ai.assistant;

import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.resilience.CircuitBreaker;
import io.meshdesk.ai.resilience.Retry;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The assistant's language model behind bounded retries ({@link Retry}) and a {@link
 * CircuitBreaker}, with the drafter path's settings (attempts, backoff, failure threshold, open
 * time). Retryable failures (HTTP 408, 429, 5xx, timeouts, network) are tried again with
 * exponential backoff and jitter; a turn that still fails counts against the breaker, and while the
 * breaker is open a turn fails at once without calling the model. Either way the caller answers
 * offline ({@code ConversationService}) and says why. Thread-safe when the model is.
 */
public final class ResilientAssistantModel implements AssistantModel {

  private final AssistantModel model;
  private final CircuitBreaker breaker;
  private final Retry retry;

  /**
   * @param model the model to protect
   * @param breaker tracks the model's health
   * @param policy attempts and backoff
   * @param sleeper waits between attempts
   * @param random uniform values in [0, 1) for the backoff jitter
   */
  public ResilientAssistantModel(
      AssistantModel model,
      CircuitBreaker breaker,
      Retry.Policy policy,
      Retry.Sleeper sleeper,
      DoubleSupplier random) {
    this.model = Objects.requireNonNull(model, "model");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    this.retry = new Retry(model.name(), policy, sleeper, random);
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
    try {
      Reply reply = retry.call(() -> model.reply(history, question, functions));
      breaker.onSuccess();
      return reply;
    } catch (Retry.Interrupted | RuntimeException e) {
      breaker.release(); // neither says anything about the model's health
      throw e;
    } catch (DraftingException e) {
      breaker.onFailure();
      throw e;
    }
  }
}
