package io.meshdesk.platform.config;

import java.util.Optional;

/**
 * PostgreSQL connection settings. Services connect as {@code user}, a role that owns nothing and
 * cannot bypass row-level security; migrations run as {@code ownerUser}.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db}
 * @param user the application role
 * @param password its password
 * @param ownerUser the role that owns the schemas and runs Liquibase; empty in servers' settings
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

  /**
   * A server's settings from {@code MESHDESK_DATABASE_URL/USER/PASSWORD/POOL_SIZE}; empty when no
   * database is configured. Servers never read the owner's credentials: the result has no owner.
   */
  public static Optional<DatabaseConfig> fromEnv(Env env) {
    return env.get("MESHDESK_DATABASE_URL")
        .map(
            url ->
                new DatabaseConfig(
                    url,
                    env.string("MESHDESK_DATABASE_USER", APP_ROLE),
                    env.string("MESHDESK_DATABASE_PASSWORD", ""),
                    Optional.empty(),
                    "",
                    env.integer("MESHDESK_DATABASE_POOL_SIZE", 16, 1, 500)));
  }

  /**
   * The migration step's settings ({@code meshctl migrate}): {@code MESHDESK_DATABASE_URL} plus
   * the required {@code MESHDESK_DATABASE_OWNER_USER} and {@code MESHDESK_DATABASE_OWNER_PASSWORD}.
   *
   * @throws ConfigException when the URL or the owner user is not set
   */
  public static DatabaseConfig ownerFromEnv(Env env) {
    String url =
        env.get("MESHDESK_DATABASE_URL").orElseThrow(() -> new ConfigException("MESHDESK_DATABASE_URL", "is not set"));
    String owner =
        env.get("MESHDESK_DATABASE_OWNER_USER")
            .orElseThrow(() -> new ConfigException("MESHDESK_DATABASE_OWNER_USER", "is not set (the schema owner role)"));
    return new DatabaseConfig(
        url, owner, env.string("MESHDESK_DATABASE_OWNER_PASSWORD", ""), Optional.of(owner),
        env.string("MESHDESK_DATABASE_OWNER_PASSWORD", ""), 1);
  }

  @Override
  public String toString() {
    return "DatabaseConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", ownerUser="
        + ownerUser.orElse("(none)") + ", poolSize=" + poolSize + "]";
  }
}
