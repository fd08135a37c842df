package io.meshdesk.identity.domain;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Identity settings.
 *
 * @param accessTokenTtl lifetime of access tokens ({@code MESHDESK_ACCESS_TOKEN_TTL}, default 15m)
 * @param refreshTokenTtl lifetime of refresh tokens ({@code MESHDESK_REFRESH_TOKEN_TTL}, default
 *     30d)
 * @param keyEncryptionKey 32-byte AES key (base64, {@code MESHDESK_KEY_ENCRYPTION_KEY}) sealing
 *     private signing keys; required unless {@code localKeyEncryption}
 * @param bootstrapToken one-time bootstrap token ({@code MESHDESK_BOOTSTRAP_TOKEN}); empty to
 *     generate
 * @param trustedProxyHops trusted proxies in front of the server ({@code
 *     MESHDESK_TRUSTED_PROXY_HOPS}, default 0): 0 takes the client address from the connection, N
 *     the N-th {@code x-forwarded-for} entry from the right
 * @param accountFailures sign-in attempts per account and source before delays start ({@code
 *     MESHDESK_LOGIN_MAX_FAILURES_ACCOUNT}, 5)
 * @param sourceFailures failed sign-ins per source address before delays start ({@code
 *     MESHDESK_LOGIN_MAX_FAILURES_SOURCE}, 30)
 * @param failureWindow how long a quiet budget remembers failures ({@code
 *     MESHDESK_LOGIN_FAILURE_WINDOW}, 15m)
 * @param delayBase wait after the first failure past the budget, doubled by each further one
 *     ({@code MESHDESK_LOGIN_DELAY_BASE}, 1s)
 * @param delayMax longest wait between attempts ({@code MESHDESK_LOGIN_DELAY_MAX}, 5m)
 * @param hashConcurrency password hashes computed at once, about 19 MiB each ({@code
 *     MESHDESK_PASSWORD_HASH_CONCURRENCY}, default the number of processors, at least 2)
 * @param localKeyEncryption seal signing keys with a key kept in the database when no {@code
 *     MESHDESK_KEY_ENCRYPTION_KEY} is set; never read from the environment, only {@code meshctl
 *     dev} and tests set it
 */
public record IdentityConfig(
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Optional<byte[]> keyEncryptionKey,
    Optional<String> bootstrapToken,
    int trustedProxyHops,
    int accountFailures,
    int sourceFailures,
    Duration failureWindow,
    Duration delayBase,
    Duration delayMax,
    int hashConcurrency,
    boolean localKeyEncryption) {

  /** Defaults with the development-only local key encryption (tests). */
  public static IdentityConfig defaults() {
    return fromEnv(new Env(java.util.Map.of())).withLocalKeyEncryption();
  }

  /** Reads and validates the settings. */
  public static IdentityConfig fromEnv(Env env) {
    Duration access = env.duration("MESHDESK_ACCESS_TOKEN_TTL", Duration.ofMinutes(15));
    if (access.isNegative() || access.isZero() || access.compareTo(Duration.ofHours(24)) > 0) {
      throw new ConfigException("MESHDESK_ACCESS_TOKEN_TTL", "must be between 1s and 24h");
    }
    Optional<byte[]> kek = env.get("MESHDESK_KEY_ENCRYPTION_KEY").map(IdentityConfig::decodeKey);
    Optional<String> bootstrap = env.get("MESHDESK_BOOTSTRAP_TOKEN");
    if (bootstrap.isPresent() && bootstrap.get().length() < 16) {
      throw new ConfigException("MESHDESK_BOOTSTRAP_TOKEN", "must be at least 16 characters");
    }
    Duration base = positive(env, "MESHDESK_LOGIN_DELAY_BASE", Duration.ofSeconds(1));
    Duration max = positive(env, "MESHDESK_LOGIN_DELAY_MAX", Duration.ofMinutes(5));
    if (max.compareTo(base) < 0) {
      throw new ConfigException(
          "MESHDESK_LOGIN_DELAY_MAX", "must not be shorter than MESHDESK_LOGIN_DELAY_BASE");
    }
    return new IdentityConfig(
        access,
        env.duration("MESHDESK_REFRESH_TOKEN_TTL", Duration.ofDays(30)),
        kek,
        bootstrap,
        env.integer("MESHDESK_TRUSTED_PROXY_HOPS", 0, 0, 10),
        env.integer("MESHDESK_LOGIN_MAX_FAILURES_ACCOUNT", 5, 1, 10_000),
        env.integer("MESHDESK_LOGIN_MAX_FAILURES_SOURCE", 30, 1, 100_000),
        positive(env, "MESHDESK_LOGIN_FAILURE_WINDOW", Duration.ofMinutes(15)),
        base,
        max,
        env.integer(
            "MESHDESK_PASSWORD_HASH_CONCURRENCY",
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            1,
            1024),
        false);
  }

  /**
   * Refuses to run without {@code MESHDESK_KEY_ENCRYPTION_KEY} unless local key encryption was
   * allowed.
   */
  public void requireKeyEncryption() {
    if (keyEncryptionKey.isEmpty() && !localKeyEncryption) {
      throw new ConfigException(
          "MESHDESK_KEY_ENCRYPTION_KEY",
          "is required (32 random bytes in base64, e.g. `openssl rand -base64 32`); only meshctl dev runs without it");
    }
  }

  /** A copy that may seal signing keys with a key kept in the database (meshctl dev, tests). */
  public IdentityConfig withLocalKeyEncryption() {
    return new IdentityConfig(
        accessTokenTtl,
        refreshTokenTtl,
        keyEncryptionKey,
        bootstrapToken,
        trustedProxyHops,
        accountFailures,
        sourceFailures,
        failureWindow,
        delayBase,
        delayMax,
        hashConcurrency,
        true);
  }

  /** A copy with other login budgets (tests). */
  public IdentityConfig withLoginLimits(int perAccount, int perSource) {
    return new IdentityConfig(
        accessTokenTtl,
        refreshTokenTtl,
        keyEncryptionKey,
        bootstrapToken,
        trustedProxyHops,
        perAccount,
        perSource,
        failureWindow,
        delayBase,
        delayMax,
        hashConcurrency,
        localKeyEncryption);
  }

  /** A copy trusting {@code hops} proxies in front of the server (tests). */
  public IdentityConfig withTrustedProxyHops(int hops) {
    return new IdentityConfig(
        accessTokenTtl,
        refreshTokenTtl,
        keyEncryptionKey,
        bootstrapToken,
        hops,
        accountFailures,
        sourceFailures,
        failureWindow,
        delayBase,
        delayMax,
        hashConcurrency,
        localKeyEncryption);
  }

  /** A copy with a fixed bootstrap token (tests, dev). */
  public IdentityConfig withBootstrapToken(String token) {
    return new IdentityConfig(
        accessTokenTtl,
        refreshTokenTtl,
        keyEncryptionKey,
        Optional.of(token),
        trustedProxyHops,
        accountFailures,
        sourceFailures,
        failureWindow,
        delayBase,
        delayMax,
        hashConcurrency,
        localKeyEncryption);
  }

  /** A key-encryption key from its base64 text; a {@link ConfigException} unless 32 bytes. */
  public static byte[] decodeKey(String s) {
    try {
      byte[] k = Base64.getDecoder().decode(s);
      if (k.length != 32) {
        throw new IllegalArgumentException();
      }
      return k;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("MESHDESK_KEY_ENCRYPTION_KEY", "must be 32 bytes in base64");
    }
  }

  private static Duration positive(Env env, String name, Duration fallback) {
    Duration d = env.duration(name, fallback);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException(name, "must be positive");
    }
    return d;
  }
}
