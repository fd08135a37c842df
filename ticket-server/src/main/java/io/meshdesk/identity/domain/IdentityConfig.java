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
 * @param refreshTokenTtl lifetime of refresh tokens ({@code MESHDESK_REFRESH_TOKEN_TTL}, default 30d)
 * @param keyEncryptionKey 32-byte AES key (base64, {@code MESHDESK_KEY_ENCRYPTION_KEY}) sealing
 *     private signing keys; empty to use a key generated into the database (weaker, see docs)
 * @param bootstrapToken one-time bootstrap token ({@code MESHDESK_BOOTSTRAP_TOKEN}); empty to generate
 * @param trustForwardedFor take the client address from {@code x-forwarded-for}
 *     ({@code MESHDESK_TRUST_FORWARDED_FOR}, default false: only behind a trusted proxy)
 * @param accountFailures failed logins allowed per account per window ({@code MESHDESK_LOGIN_MAX_FAILURES_ACCOUNT}, 5)
 * @param sourceFailures failed logins allowed per source address per window ({@code MESHDESK_LOGIN_MAX_FAILURES_SOURCE}, 30)
 * @param failureWindow the window ({@code MESHDESK_LOGIN_FAILURE_WINDOW}, 15m)
 */
public record IdentityConfig(
    Duration accessTokenTtl, Duration refreshTokenTtl, Optional<byte[]> keyEncryptionKey, Optional<String> bootstrapToken,
    boolean trustForwardedFor, int accountFailures, int sourceFailures, Duration failureWindow) {

  /** Defaults (no encryption key, generated bootstrap token). */
  public static IdentityConfig defaults() {
    return fromEnv(new Env(java.util.Map.of()));
  }

  /** Reads and validates the settings. */
  public static IdentityConfig fromEnv(Env env) {
    Duration access = env.duration("MESHDESK_ACCESS_TOKEN_TTL", Duration.ofMinutes(15));
    if (access.isNegative() || access.isZero() || access.compareTo(Duration.ofHours(24)) > 0) {
      throw new ConfigException("MESHDESK_ACCESS_TOKEN_TTL", "must be between 1s and 24h");
    }
    Optional<byte[]> kek =
        env.get("MESHDESK_KEY_ENCRYPTION_KEY")
            .map(
                s -> {
                  try {
                    byte[] k = Base64.getDecoder().decode(s);
                    if (k.length != 32) {
                      throw new IllegalArgumentException();
                    }
                    return k;
                  } catch (IllegalArgumentException e) {
                    throw new ConfigException("MESHDESK_KEY_ENCRYPTION_KEY", "must be 32 bytes in base64");
                  }
                });
    Optional<String> bootstrap = env.get("MESHDESK_BOOTSTRAP_TOKEN");
    if (bootstrap.isPresent() && bootstrap.get().length() < 16) {
      throw new ConfigException("MESHDESK_BOOTSTRAP_TOKEN", "must be at least 16 characters");
    }
    return new IdentityConfig(
        access,
        env.duration("MESHDESK_REFRESH_TOKEN_TTL", Duration.ofDays(30)),
        kek,
        bootstrap,
        env.bool("MESHDESK_TRUST_FORWARDED_FOR", false),
        env.integer("MESHDESK_LOGIN_MAX_FAILURES_ACCOUNT", 5, 1, 10_000),
        env.integer("MESHDESK_LOGIN_MAX_FAILURES_SOURCE", 30, 1, 100_000),
        env.duration("MESHDESK_LOGIN_FAILURE_WINDOW", Duration.ofMinutes(15)));
  }

  /** A copy with other login limits (tests). */
  public IdentityConfig withLoginLimits(int perAccount, int perSource) {
    return new IdentityConfig(
        accessTokenTtl, refreshTokenTtl, keyEncryptionKey, bootstrapToken, trustForwardedFor, perAccount, perSource, failureWindow);
  }

  /** A copy with a fixed bootstrap token (tests, dev). */
  public IdentityConfig withBootstrapToken(String token) {
    return new IdentityConfig(
        accessTokenTtl, refreshTokenTtl, keyEncryptionKey, Optional.of(token), trustForwardedFor, accountFailures, sourceFailures,
        failureWindow);
  }
}
