package io.meshdesk.platform.db;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Liquibase changelogs as the owner role. Each module ships its own master changelog on the
 * classpath at {@code db/changelog/<context>/master.yaml}; change set ids are {@code
 * <module>-<nnn>-<slug>} so they never collide in the shared history table.
 */
public final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  static {
    // Liquibase logs through java.util.logging; route it to SLF4J like everything else.
    if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
      org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
      org.slf4j.bridge.SLF4JBridgeHandler.install();
    }
  }

  private Migrations() {}

  /**
   * Runs each changelog in order as the configured owner and returns the ids of the change sets
   * this run applied (empty when the database was already up to date). Servers never call this:
   * {@code meshctl migrate}, {@code meshctl dev} and the test support do.
   *
   * @throws IllegalStateException when no owner is configured, a role the change sets grant to is
   *     missing, or a change set fails
   */
  public static List<String> apply(DatabaseConfig config, List<String> changelogs) {
    if (config.ownerUser().isEmpty()) {
      throw new IllegalStateException(
          "database migration needs the owner role (MESHDESK_DATABASE_OWNER_USER)");
    }
    try (Connection c =
        DriverManager.getConnection(
            config.jdbcUrl(), config.ownerUser().get(), config.ownerPassword())) {
      requireRoles(c);
      long before = lastOrder(c);
      Database db =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      for (String changelog : changelogs) {
        // Liquibase's console UI would print to stdout (and into meshctl's output); log instead.
        Scope.child(
            Map.of(Scope.Attr.ui.name(), new LoggerUIService()),
            () ->
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .setOutput(OutputStream.nullOutputStream())
                    .execute());
        log.info("applied {}", changelog);
      }
      return appliedSince(c, before);
    } catch (Exception e) {
      throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
    }
  }

  /** The change sets grant to these roles; they are created once, before the first migration. */
  private static void requireRoles(Connection c) throws SQLException {
    List<String> missing = new ArrayList<>();
    List<String> needed = new ArrayList<>(List.of(DatabaseConfig.APP_ROLE));
    for (DatabaseRole role : DatabaseRole.values()) {
      needed.add(role.roleName());
    }
    try (PreparedStatement ps = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
      for (String role : needed) {
        ps.setString(1, role);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            missing.add(role);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "database roles missing: "
              + String.join(", ", missing)
              + " (create them before migrating: README, Deploy, \"Database roles\")");
    }
  }

  private static long lastOrder(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select to_regclass('public.databasechangelog') is not null")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return 0;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select coalesce(max(orderexecuted), 0) from public.databasechangelog")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> appliedSince(Connection c, long order) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id from public.databasechangelog where orderexecuted > ? order by orderexecuted")) {
      ps.setLong(1, order);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    return ids;
  }
}
