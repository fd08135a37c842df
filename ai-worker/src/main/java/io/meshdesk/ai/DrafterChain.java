package io.meshdesk.ai;

import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.ai.gemini.GeminiDrafter;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.ai.resilience.CircuitBreaker;
import io.meshdesk.ai.resilience.FallbackDrafter;
import io.meshdesk.ai.worker.RateLimitedDrafter;
import io.meshdesk.platform.redis.Redis;
import java.time.Clock;

/**
 * How the AI worker's drafters are composed: the offline drafter alone, or, with Gemini configured,
 * Gemini behind a circuit breaker and a per-tenant rate limit, each falling back to the offline
 * drafter.
 */
final class DrafterChain {

  private DrafterChain() {}

  /** The drafter {@code config} asks for. */
  static Drafter of(AiWorkerConfig config, Redis redis, Clock clock) {
    OfflineDrafter offline = new OfflineDrafter();
    if (!config.gemini().enabled()) {
      return offline;
    }
    CircuitBreaker breaker =
        new CircuitBreaker(
            "gemini",
            config.gemini().breakerFailureThreshold(),
            config.gemini().breakerOpenDuration(),
            clock);
    FallbackDrafter gemini =
        new FallbackDrafter(GeminiDrafter.create(config.gemini()), offline, breaker);
    return new RateLimitedDrafter(gemini, offline, redis.client(), config.worker().ratePerMinute());
  }
}
