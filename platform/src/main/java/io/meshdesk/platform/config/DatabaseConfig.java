package io.meshdesk.platform.config;

import java.util.Optional;

/**
 * PostgreSQL connection settings. Services connect as {@code user}, a role that owns nothing and
 * cannot bypass row-level security; migrations run as {@code ownerUser}.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db}
 * @param user the application role
 * @param password its password
 * @param ownerUser the role that owns the schemas and runs Liquibase; empty to skip migrations
 * @param ownerPassword its password
 * @param poolSize maximum pool connections
 */
public record DatabaseConfig(
    String jdbcUrl,
    String user,
    String password,
    Optional<String> ownerUser,
    String ownerPassword,
    int poolSize) {

  /** Application role name used by the embedded and test databases. */
  public static final String APP_ROLE = "meshdesk_app";

  /** Owner role name used by the embedded and test databases. */
  public static final String OWNER_ROLE = "meshdesk_owner";

  /** Reads {@code MESHDESK_DATABASE_*}; empty when no database is configured (use embedded). */
  public static Optional<DatabaseConfig> fromEnv(Env env) {
    return env.get("MESHDESK_DATABASE_URL")
        .map(
            url ->
                new DatabaseConfig(
                    url,
                    env.string("MESHDESK_DATABASE_USER", APP_ROLE),
                    env.string("MESHDESK_DATABASE_PASSWORD", ""),
                    env.get("MESHDESK_DATABASE_OWNER_USER"),
                    env.string("MESHDESK_DATABASE_OWNER_PASSWORD", ""),
                    env.integer("MESHDESK_DATABASE_POOL_SIZE", 16, 1, 500)));
  }

  @Override
  public String toString() {
    return "DatabaseConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", ownerUser="
        + ownerUser.orElse("(none)") + ", poolSize=" + poolSize + "]";
  }
}
