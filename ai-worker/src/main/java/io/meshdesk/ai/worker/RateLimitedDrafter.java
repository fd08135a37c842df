package io.meshdesk.ai.worker;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.ai.drafting.DraftingException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/**
 * Caps the model calls of each tenant with a Redisson {@link RRateLimiter} shared by all workers
 * ({@code ai:rate:<tenant>}, N per minute). A draft over the limit does not wait: the offline
 * drafter answers at once, so agents always get a suggestion quickly and one noisy tenant cannot
 * spend the whole Gemini quota or queue up the others' jobs.
 */
public final class RateLimitedDrafter implements Drafter {

  private final Drafter model;
  private final Drafter overLimit;
  private final RedissonClient redis;
  private final int perMinute;
  private final Set<UUID> configured = ConcurrentHashMap.newKeySet();

  /**
   * @param model the rate-limited drafter (Gemini behind its breaker)
   * @param overLimit used when the tenant's budget is spent (offline)
   * @param perMinute model calls per tenant per minute
   */
  public RateLimitedDrafter(Drafter model, Drafter overLimit, RedissonClient redis, int perMinute) {
    this.model = model;
    this.overLimit = overLimit;
    this.redis = redis;
    this.perMinute = perMinute;
  }

  @Override
  public Draft draft(DraftRequest request, Consumer<String> onReplyText) throws DraftingException {
    return limiter(request.tenantId()).tryAcquire()
        ? model.draft(request, onReplyText)
        : overLimit.draft(request, onReplyText);
  }

  @Override
  public String name() {
    return model.name();
  }

  private RRateLimiter limiter(UUID tenant) {
    RRateLimiter limiter = redis.getRateLimiter("ai:rate:" + tenant);
    if (configured.add(tenant)) {
      limiter.trySetRate(RateType.OVERALL, perMinute, Duration.ofMinutes(1));
    }
    return limiter;
  }
}
