package io.meshdesk.platform.config;

import java.util.Optional;

/**
 * PostgreSQL connection settings. Services connect as {@code user}, a role that owns nothing and
 * cannot bypass row-level security; migrations run as {@code ownerUser}. Each server takes its own
 * login through {@link #forServer}.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db}
 * @param user the application role
 * @param password its password
 * @param ownerUser the role that owns the schemas and runs Liquibase; empty in servers' settings
 * @param ownerPassword its password
 * @param poolSize maximum pool connections
 * @param localRoles true for a locally provisioned database (embedded or test), where every {@link
 *     DatabaseRole} exists with its local password, so each server logs in as its own role
 */
public record DatabaseConfig(
    String jdbcUrl,
    String user,
    String password,
    Optional<String> ownerUser,
    String ownerPassword,
    int poolSize,
    boolean localRoles) {

  /**
   * The role the first releases granted every schema to. Their change sets still name it, so it
   * must exist (without login) before migrating; later change sets revoke all it held.
   */
  public static final String APP_ROLE = "meshdesk_app";

  /**
   * Login of locally provisioned databases for code that is not one server (test fixtures, demo
   * seeding): a member of every {@link DatabaseRole}, owning nothing.
   */
  public static final String LOCAL_ROLE = "meshdesk_local";

  /** Settings of a database reached with explicit credentials (no local per-server roles). */
  public DatabaseConfig(
      String jdbcUrl,
      String user,
      String password,
      Optional<String> ownerUser,
      String ownerPassword,
      int poolSize) {
    this(jdbcUrl, user, password, ownerUser, ownerPassword, poolSize, false);
  }

  /** Owner role name used by the embedded and test databases. */
  public static final String OWNER_ROLE = "meshdesk_owner";

  /**
   * A server's settings from {@code MESHDESK_DATABASE_URL/USER/PASSWORD/POOL_SIZE}; empty when no
   * database is configured. Servers never read the owner's credentials: the result has no owner. An
   * unset user is filled in with the server's role by {@link #forServer}.
   */
  public static Optional<DatabaseConfig> fromEnv(Env env) {
    return env.get("MESHDESK_DATABASE_URL")
        .map(
            url ->
                new DatabaseConfig(
                    url,
                    env.string("MESHDESK_DATABASE_USER", ""),
                    env.string("MESHDESK_DATABASE_PASSWORD", ""),
                    Optional.empty(),
                    "",
                    env.integer("MESHDESK_DATABASE_POOL_SIZE", 16, 1, 500)));
  }

  /**
   * The migration step's settings ({@code meshctl migrate}): {@code MESHDESK_DATABASE_URL} plus the
   * required {@code MESHDESK_DATABASE_OWNER_USER} and {@code MESHDESK_DATABASE_OWNER_PASSWORD}.
   *
   * @throws ConfigException when the URL or the owner user is not set
   */
  public static DatabaseConfig ownerFromEnv(Env env) {
    String url =
        env.get("MESHDESK_DATABASE_URL")
            .orElseThrow(() -> new ConfigException("MESHDESK_DATABASE_URL", "is not set"));
    String owner =
        env.get("MESHDESK_DATABASE_OWNER_USER")
            .orElseThrow(
                () ->
                    new ConfigException(
                        "MESHDESK_DATABASE_OWNER_USER", "is not set (the schema owner role)"));
    return new DatabaseConfig(
        url,
        owner,
        env.string("MESHDESK_DATABASE_OWNER_PASSWORD", ""),
        Optional.of(owner),
        env.string("MESHDESK_DATABASE_OWNER_PASSWORD", ""),
        1);
  }

  /**
   * The settings {@code server} logs in with: on a locally provisioned database its own role and
   * local password; otherwise these settings, with the role's name when no user was configured.
   */
  public DatabaseConfig forServer(DatabaseRole server) {
    if (localRoles) {
      return new DatabaseConfig(
          jdbcUrl,
          server.roleName(),
          server.localPassword(),
          ownerUser,
          ownerPassword,
          poolSize,
          true);
    }
    if (user.isBlank()) {
      return new DatabaseConfig(
          jdbcUrl, server.roleName(), password, ownerUser, ownerPassword, poolSize, false);
    }
    return this;
  }

  /** The same settings with another pool size. */
  public DatabaseConfig withPoolSize(int size) {
    return new DatabaseConfig(jdbcUrl, user, password, ownerUser, ownerPassword, size, localRoles);
  }

  @Override
  public String toString() {
    return "DatabaseConfig[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", ownerUser="
        + ownerUser.orElse("(none)")
        + ", poolSize="
        + poolSize
        + "]";
  }
}
