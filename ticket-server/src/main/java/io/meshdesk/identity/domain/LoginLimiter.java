package io.meshdesk.identity.domain;

import io.meshdesk.platform.errors.ResourceExhaustedException;
import java.time.Duration;
import java.util.Locale;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/**
 * Limits failed sign-ins per account (tenant + email, whether or not it exists) and per source
 * address with Redisson rate limiters shared by every instance. Only failures consume permits; a
 * request is refused while either budget is spent.
 */
public final class LoginLimiter {

  private final RedissonClient redis;
  private final int perAccount;
  private final int perSource;
  private final Duration window;

  public LoginLimiter(RedissonClient redis, int perAccount, int perSource, Duration window) {
    this.redis = redis;
    this.perAccount = perAccount;
    this.perSource = perSource;
    this.window = window;
  }

  /** Refuses with RESOURCE_EXHAUSTED when the account or the source has no failures left. */
  public void check(String tenantSlug, String email, String source) {
    if (account(tenantSlug, email).availablePermits() <= 0 || source(source).availablePermits() <= 0) {
      throw new ResourceExhaustedException(
          "too many failed sign-in attempts; wait " + window.toMinutes() + " minutes and try again");
    }
  }

  /** Counts one failure against both budgets. */
  public void failed(String tenantSlug, String email, String source) {
    account(tenantSlug, email).tryAcquire();
    source(source).tryAcquire();
  }

  private RRateLimiter account(String tenantSlug, String email) {
    return limiter("identity:login-fail:account:" + tenantSlug + ":" + email.toLowerCase(Locale.ROOT), perAccount);
  }

  private RRateLimiter source(String source) {
    return limiter("identity:login-fail:source:" + (source == null ? "unknown" : source), perSource);
  }

  private RRateLimiter limiter(String key, int rate) {
    RRateLimiter l = redis.getRateLimiter(key);
    l.trySetRate(RateType.OVERALL, rate, window, window.multipliedBy(2));
    return l;
  }
}
