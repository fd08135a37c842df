package io.meshdesk.platform.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Redis connection settings for Redisson.
 *
 * @param mode single server, Sentinel or Cluster
 * @param addresses {@code redis://host:port} (one for single, several for Sentinel/Cluster)
 * @param sentinelMaster master name for Sentinel
 * @param password optional password
 * @param keyPrefix prefix of every key and channel name (isolates environments and test classes)
 */
public record RedisConfig(
    Mode mode, List<String> addresses, String sentinelMaster, String password, String keyPrefix) {

  /** Deployment shape. */
  public enum Mode {
    SINGLE,
    SENTINEL,
    CLUSTER
  }

  /** Reads {@code MESHDESK_REDIS_*}; empty when no Redis is configured (use embedded). */
  public static Optional<RedisConfig> fromEnv(Env env) {
    return env.get("MESHDESK_REDIS_URL")
        .map(
            urls -> {
              String modeName = env.string("MESHDESK_REDIS_MODE", "single");
              Mode mode;
              try {
                mode = Mode.valueOf(modeName.toUpperCase(Locale.ROOT));
              } catch (IllegalArgumentException e) {
                throw new ConfigException(
                    "MESHDESK_REDIS_MODE",
                    "must be single, sentinel or cluster, got '" + modeName + "'");
              }
              List<String> addresses =
                  Arrays.stream(urls.split(","))
                      .map(String::trim)
                      .filter(s -> !s.isEmpty())
                      .toList();
              if (mode == Mode.SENTINEL && env.get("MESHDESK_REDIS_SENTINEL_MASTER").isEmpty()) {
                throw new ConfigException(
                    "MESHDESK_REDIS_SENTINEL_MASTER", "is required in sentinel mode");
              }
              return new RedisConfig(
                  mode,
                  addresses,
                  env.string("MESHDESK_REDIS_SENTINEL_MASTER", ""),
                  env.string("MESHDESK_REDIS_PASSWORD", ""),
                  env.string("MESHDESK_REDIS_KEY_PREFIX", "meshdesk:"));
            });
  }

  /** A single server at {@code redis://host:port}. */
  public static RedisConfig single(String host, int port, String keyPrefix) {
    return new RedisConfig(Mode.SINGLE, List.of("redis://" + host + ":" + port), "", "", keyPrefix);
  }

  @Override
  public String toString() {
    return "RedisConfig[mode="
        + mode
        + ", addresses="
        + addresses
        + ", keyPrefix="
        + keyPrefix
        + "]";
  }
}
