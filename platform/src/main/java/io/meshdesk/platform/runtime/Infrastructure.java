package io.meshdesk.platform.runtime;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.RedisConfig;

/**
 * Where a service finds PostgreSQL and Redis.
 *
 * @param database PostgreSQL settings
 * @param redis Redis settings
 */
public record Infrastructure(DatabaseConfig database, RedisConfig redis) {

  /**
   * Reads both from the environment; fails with a clear message naming the missing variable (run
   * {@code meshctl dev} for the zero-setup embedded defaults).
   */
  public static Infrastructure fromEnv(Env env) {
    DatabaseConfig db =
        DatabaseConfig.fromEnv(env)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "MESHDESK_DATABASE_URL",
                        "is not set (or run `meshctl dev` for embedded defaults)"));
    RedisConfig redis =
        RedisConfig.fromEnv(env)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "MESHDESK_REDIS_URL",
                        "is not set (or run `meshctl dev` for embedded defaults)"));
    return new Infrastructure(db, redis);
  }

  /** The same, with {@code server}'s database login ({@link DatabaseConfig#forServer}). */
  public Infrastructure forServer(io.meshdesk.platform.config.DatabaseRole server) {
    return new Infrastructure(database.forServer(server), redis);
  }
}
