package io.meshdesk.platform.embedded;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Creates the Meshdesk roles and databases on a PostgreSQL server through a superuser connection:
 * an owner role that migrates; one login per server ({@link DatabaseRole}) that owns nothing and
 * cannot bypass row-level security; {@code meshdesk_app}, without login, which the first change
 * sets still grant to; and {@code meshdesk_local}, a member of every server role, for code that is
 * not one server (test fixtures, demo seeding). Used by the embedded server and by the test
 * support. Production creates the same roles once with the SQL in README's Deploy section.
 */
public final class PostgresProvisioner {

  /** Password of the owner role on local (embedded or test) servers. */
  public static final String OWNER_PASSWORD = "meshdesk-owner-local";

  /** Password of {@code meshdesk_local} on local (embedded or test) servers. */
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

  /** Creates the owner, server and local roles when missing. */
  public void ensureRoles() {
    StringBuilder sql = new StringBuilder("do $$ begin ");
    createRole(
        sql,
        DatabaseConfig.OWNER_ROLE,
        "login password '" + OWNER_PASSWORD + "' nosuperuser nobypassrls");
    createRole(
        sql, DatabaseConfig.APP_ROLE, "nologin nosuperuser nobypassrls nocreatedb nocreaterole");
    for (DatabaseRole role : DatabaseRole.values()) {
      createRole(
          sql,
          role.roleName(),
          "login password '"
              + role.localPassword()
              + "' nosuperuser nobypassrls nocreatedb nocreaterole");
    }
    createRole(
        sql,
        DatabaseConfig.LOCAL_ROLE,
        "login password '" + APP_PASSWORD + "' nosuperuser nobypassrls nocreatedb nocreaterole");
    sql.append("end $$");
    sql(sql.toString());
    for (DatabaseRole role : DatabaseRole.values()) {
      sql("grant " + role.roleName() + " to " + DatabaseConfig.LOCAL_ROLE);
    }
  }

  private static void createRole(StringBuilder sql, String name, String options) {
    sql.append("if not exists (select from pg_roles where rolname = '")
        .append(name)
        .append("') then ")
        .append("create role ")
        .append(name)
        .append(' ')
        .append(options)
        .append("; end if; ");
  }

  /**
   * Creates database {@code name} owned by the owner role when missing and returns the settings to
   * reach it: {@code meshdesk_local} for fixtures, each server's own role through {@link
   * DatabaseConfig#forServer}, the owner role for migrations.
   */
  public DatabaseConfig database(String name, int poolSize) {
    if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("bad database name: " + name);
    }
    try (Connection c = connect()) {
      boolean exists;
      try (PreparedStatement ps =
          c.prepareStatement("select 1 from pg_database where datname = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        try (Statement s = c.createStatement()) {
          s.execute("create database " + name + " owner " + DatabaseConfig.OWNER_ROLE);
          s.execute("revoke all on database " + name + " from public");
        }
      }
      // Also on a database made by an older version (a kept `meshctl dev --data-dir`).
      try (Statement s = c.createStatement()) {
        for (String role : logins()) {
          s.execute("grant connect, temporary on database " + name + " to " + role);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "could not create database " + name + ": " + e.getMessage(), e);
    }
    return new DatabaseConfig(
        "jdbc:postgresql://" + host + ":" + port + "/" + name,
        DatabaseConfig.LOCAL_ROLE,
        APP_PASSWORD,
        Optional.of(DatabaseConfig.OWNER_ROLE),
        OWNER_PASSWORD,
        poolSize,
        true);
  }

  /** Runs one SQL statement as the superuser on the {@code postgres} database. */
  public void sql(String statement) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  /**
   * Terminates every backend of the server and local roles on {@code database}: what a network cut
   * or a PostgreSQL failover does to the pools. Returns how many were terminated.
   */
  public int terminateAppConnections(String database) {
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(pg_terminate_backend(pid)) from pg_stat_activity "
                    + "where datname = ? and usename = any(?)")) {
      ps.setString(1, database);
      ps.setArray(2, c.createArrayOf("text", logins().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static java.util.List<String> logins() {
    java.util.List<String> logins = new java.util.ArrayList<>();
    for (DatabaseRole role : DatabaseRole.values()) {
      logins.add(role.roleName());
    }
    logins.add(DatabaseConfig.LOCAL_ROLE);
    return logins;
  }

  private Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(superuserUrl, superuser, superuserPassword);
    c.setAutoCommit(true);
    return c;
  }
}
