package io.meshdesk.platform.embedded;

import io.meshdesk.platform.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Creates the Meshdesk roles and databases on a PostgreSQL server through a superuser
 * connection: an owner role that migrates, and an application role that owns nothing and cannot
 * bypass row-level security. Used by the embedded server and by the test support.
 */
public final class PostgresProvisioner {

  /** Password of the owner role on local (embedded or test) servers. */
  public static final String OWNER_PASSWORD = "meshdesk-owner-local";

  /** Password of the application role on local (embedded or test) servers. */
  public static final String APP_PASSWORD = "meshdesk-app-local";

  private final String superuserUrl;
  private final String superuser;
  private final String superuserPassword;
  private final String host;
  private final int port;

  /**
   * @param host server host as seen by the application
   * @param port server port
   * @param superuser a superuser (or CREATEROLE + CREATEDB) role
   * @param superuserPassword its password
   */
  public PostgresProvisioner(String host, int port, String superuser, String superuserPassword) {
    this.host = host;
    this.port = port;
    this.superuserUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
    this.superuser = superuser;
    this.superuserPassword = superuserPassword;
  }

  /** Creates the owner and application roles when missing. */
  public void ensureRoles() {
    sql(
        "do $$ begin "
            + "if not exists (select from pg_roles where rolname = '" + DatabaseConfig.OWNER_ROLE + "') then "
            + "create role " + DatabaseConfig.OWNER_ROLE + " login password '" + OWNER_PASSWORD + "' "
            + "nosuperuser nobypassrls; end if; "
            + "if not exists (select from pg_roles where rolname = '" + DatabaseConfig.APP_ROLE + "') then "
            + "create role " + DatabaseConfig.APP_ROLE + " login password '" + APP_PASSWORD + "' "
            + "nosuperuser nobypassrls nocreatedb nocreaterole; end if; end $$");
  }

  /**
   * Creates database {@code name} owned by the owner role when missing and returns the settings
   * to reach it: the application role for the pool, the owner role for migrations.
   */
  public DatabaseConfig database(String name, int poolSize) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("bad database name: " + name);
    }
    try (Connection c = connect()) {
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        try (Statement s = c.createStatement()) {
          s.execute("create database " + name + " owner " + DatabaseConfig.OWNER_ROLE);
          s.execute("revoke all on database " + name + " from public");
          s.execute("grant connect, temporary on database " + name + " to " + DatabaseConfig.APP_ROLE);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
    }
    return new DatabaseConfig(
        "jdbc:postgresql://" + host + ":" + port + "/" + name,
        DatabaseConfig.APP_ROLE,
        APP_PASSWORD,
        Optional.of(DatabaseConfig.OWNER_ROLE),
        OWNER_PASSWORD,
        poolSize);
  }

  /** Runs one SQL statement as the superuser on the {@code postgres} database. */
  public void sql(String statement) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * Terminates every backend of the application role on {@code database}: what a network cut or a
   * PostgreSQL failover does to the pool. Returns how many were terminated.
   */
  public int terminateAppConnections(String database) {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity "
                    + "where datname = ? and usename = ?")) {
      ps.setString(1, database);
      ps.setString(2, DatabaseConfig.APP_ROLE);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(superuserUrl, superuser, superuserPassword);
    c.setAutoCommit(true);
    return c;
  }
}
