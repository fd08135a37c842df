package io.meshdesk.platform.db;

import io.meshdesk.platform.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.io.OutputStream;
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
 * Applies Liquibase changelogs as the owner role. Each module ships its own master changelog on
 * the classpath at {@code db/changelog/<context>/master.yaml}; change set ids are
 * {@code <module>-<nnn>-<slug>} so they never collide in the shared history table.
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
   * Runs each changelog in order. Does nothing when the config names no owner (migrations are
   * then expected to be applied out of band).
   */
  public static void apply(DatabaseConfig config, List<String> changelogs) {
    if (config.ownerUser().isEmpty()) {
      log.info("no database owner configured; skipping migrations");
      return;
    }
    try (Connection c =
        DriverManager.getConnection(config.jdbcUrl(), config.ownerUser().get(), config.ownerPassword())) {
      Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
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
    } catch (Exception e) {
      throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
    }
  }
}
