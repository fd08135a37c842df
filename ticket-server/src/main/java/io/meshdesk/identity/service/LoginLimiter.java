package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.platform.errors.ResourceExhaustedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Slows password guessing with progressive delays kept in Redis and shared by every instance. Every
 * sign-in takes a permit atomically before its password is checked, from two budgets: the account
 * from this source (tenant + email, whether or not it exists, + address) and the source address
 * alone. A budget lets its first attempts through at once; past that each further attempt doubles
 * the wait before the next one, up to a cap. A success clears the account budget and gives the
 * source its permit back. There is no lockout: the owner waits at most the cap, and not at all from
 * another address, while a guesser gets one try per cap.
 */
public final class LoginLimiter {

  // KEYS: account budget, source budget. ARGV: now ms, base ms, cap ms, idle ms, account free,
  // source free.
  // Returns 0 when a permit was taken, else the milliseconds to wait (nothing taken).
  private static final String TAKE =
      """
      local now = tonumber(ARGV[1])
      local wait = 0
      for i = 1, 2 do
        local nextAt = tonumber(redis.call('hget', KEYS[i], 'next') or '0')
        if nextAt - now > wait then wait = nextAt - now end
      end
      if wait > 0 then return wait end
      for i = 1, 2 do
        local free = tonumber(ARGV[4 + i])
        local n = redis.call('hincrby', KEYS[i], 'n', 1)
        local delay = 0
        if n >= free then delay = math.min(tonumber(ARGV[2]) * 2 ^ (n - free), tonumber(ARGV[3])) end
        redis.call('hset', KEYS[i], 'next', math.floor(now + delay))
        redis.call('pexpire', KEYS[i], math.floor(tonumber(ARGV[4]) + delay))
      end
      return 0
      """;

  // KEYS: account budget, source budget. ARGV: source free.
  private static final String SUCCEEDED =
      """
      redis.call('del', KEYS[1])
      if redis.call('exists', KEYS[2]) == 1 then
        local n = redis.call('hincrby', KEYS[2], 'n', -1)
        if n < tonumber(ARGV[1]) then redis.call('hset', KEYS[2], 'next', 0) end
      end
      return 0
      """;

  private final RScript script;
  private final int perAccount;
  private final int perSource;
  private final Duration idle;
  private final Duration base;
  private final Duration cap;
  private final Clock clock;

  public LoginLimiter(RedissonClient redis, IdentityConfig config, Clock clock) {
    this.script = redis.getScript(StringCodec.INSTANCE);
    this.perAccount = config.accountFailures();
    this.perSource = config.sourceFailures();
    this.idle = config.failureWindow();
    this.base = config.delayBase();
    this.cap = config.delayMax();
    this.clock = clock;
  }

  /**
   * Takes one attempt from both budgets, or refuses with RESOURCE_EXHAUSTED saying how long to
   * wait.
   */
  public void take(String tenantSlug, String email, String source) {
    Long wait =
        script.eval(
            RScript.Mode.READ_WRITE,
            TAKE,
            RScript.ReturnType.LONG,
            keys(tenantSlug, email, source),
            Long.toString(clock.millis()),
            Long.toString(base.toMillis()),
            Long.toString(cap.toMillis()),
            Long.toString(idle.toMillis()),
            Integer.toString(perAccount),
            Integer.toString(perSource));
    if (wait != null && wait > 0) {
      long seconds = Math.max(1, (wait + 999) / 1000);
      throw new ResourceExhaustedException(
          "too many failed sign-in attempts; try again in "
              + seconds
              + " second"
              + (seconds == 1 ? "" : "s"));
    }
  }

  /** The attempt succeeded: forgets the account's failures and refunds the source. */
  public void succeeded(String tenantSlug, String email, String source) {
    script.eval(
        RScript.Mode.READ_WRITE,
        SUCCEEDED,
        RScript.ReturnType.LONG,
        keys(tenantSlug, email, source),
        Integer.toString(perSource));
  }

  private static List<Object> keys(String tenantSlug, String email, String source) {
    String from = source == null ? "unknown" : source;
    // One hash tag so both budgets live in the same slot of a Redis cluster.
    return List.of(
        "{identity-login}:account:"
            + tenantSlug
            + ":"
            + email.toLowerCase(Locale.ROOT)
            + ":"
            + from,
        "{identity-login}:source:" + from);
  }
}
