package io.meshdesk.cli.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.cli.migrate.MigrateCommand;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.RoleCheck;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.DirectoryTenants;
import io.meshdesk.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stolen server password opens only that server's schemas: each server's database role, after the
 * full {@code meshctl migrate}, is refused every other server's tables, and the role every schema
 * was once granted to holds nothing any more.
 */
class DatabaseRolesAttackIT {

  static DatabaseConfig db;
  static final UUID tenant = UUID.randomUUID();

  @BeforeAll
  static void migrate() throws SQLException {
    db = TestEnvironment.get().newDatabase("dbroles");
    MigrateCommand.applyAll(db);
    try (Connection c =
            DriverManager.getConnection(
                db.jdbcUrl(), db.ownerUser().orElseThrow(), db.ownerPassword());
        Statement s = c.createStatement()) {
      s.execute(
          "insert into identity.tenant (id, slug, display_name, time_zone, status, created_at) values ('"
              + tenant
              + "', 'dbroles', 'Roles', 'Europe/Paris', 'active', now())");
    }
  }

  @Test
  void ledgerRoleIsDeniedIdentityAndTicketTables() {
    for (String table :
        new String[] {
          "identity.app_user",
          "identity.tenant",
          "identity.signing_key",
          "identity.service_account",
          "ticket.tickets",
          "ticket.comments",
          "knowledge.articles"
        }) {
      assertDenied(DatabaseRole.LEDGER, "select * from " + table);
    }
  }

  @Test
  void aiRoleIsDeniedLedgerIdentityAndTicketTables() {
    for (String table :
        new String[] {
          "ledger.card",
          "ledger.journal_entry",
          "reminder.rule",
          "identity.app_user",
          "identity.tenant",
          "ticket.tickets",
          "directory.tenant"
        }) {
      assertDenied(DatabaseRole.AI, "select * from " + table);
    }
  }

  @Test
  void ticketRoleIsDeniedLedgerReminderAndKnowledgeTables() {
    for (String table :
        new String[] {"ledger.card", "ledger.posting", "reminder.delivery", "knowledge.articles"}) {
      assertDenied(DatabaseRole.TICKET, "select * from " + table);
    }
  }

  @Test
  void ledgerRoleSeesTenantsOnlyThroughTheDirectoryView() throws SQLException {
    try (Connection c = as(DatabaseRole.LEDGER);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select * from directory.tenant where id = '" + tenant + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
      assertThat(rs.getString("time_zone")).isEqualTo("Europe/Paris");
      assertThat(rs.getString("status")).isEqualTo("active");
    }
    assertDenied(DatabaseRole.LEDGER, "update directory.tenant set status = 'suspended'");
  }

  @Test
  void eachRoleWorksOnItsOwnSchemaAndPassesTheStartUpCheck() throws SQLException {
    String[][] own = {
      {"TICKET", "identity.app_user"},
      {"TICKET", "ticket.tickets"},
      {"LEDGER", "ledger.card"},
      {"LEDGER", "reminder.rule"},
      {"AI", "knowledge.articles"}
    };
    for (String[] o : own) {
      try (Connection c = as(DatabaseRole.valueOf(o[0]));
          Statement s = c.createStatement()) {
        s.executeQuery("select count(*) from " + o[1]).close();
        s.executeQuery("select directory.tenant_is_active('" + tenant + "')").close();
      }
    }
    for (DatabaseRole role : DatabaseRole.values()) {
      try (Database pool = new Database(db.forServer(role).withPoolSize(1), "dbroles-" + role)) {
        RoleCheck.verify(pool.dataSource());
      }
    }
  }

  @Test
  void theOnceSharedRoleHoldsNoPrivilegeOnAnyServerSchema() throws SQLException {
    try (Connection c =
            DriverManager.getConnection(
                db.jdbcUrl(), db.ownerUser().orElseThrow(), db.ownerPassword());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
            select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace,
              lateral aclexplode(c.relacl) a
            where n.nspname in ('identity', 'ticket', 'ledger', 'reminder', 'knowledge', 'directory')
              and a.grantee = 'meshdesk_app'::regrole""")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void ledgerServerRefusesToStartWithoutTheDirectoryView() {
    DatabaseConfig ledgerOnly = TestEnvironment.get().newDatabase("dbroles-noview");
    Migrations.apply(ledgerOnly, LedgerServer.CHANGELOGS);
    try (Database pool =
        new Database(ledgerOnly.forServer(DatabaseRole.LEDGER).withPoolSize(1), "dbroles-noview")) {
      DirectoryTenants tenants = new DirectoryTenants(new Transactions(pool.dataSource()));
      assertThatThrownBy(tenants::verifyReadable)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("view directory.tenant is missing");
    }
  }

  private static void assertDenied(DatabaseRole role, String sql) {
    assertThatThrownBy(
            () -> {
              try (Connection c = as(role);
                  Statement s = c.createStatement()) {
                s.execute(sql);
              }
            })
        .as(role + ": " + sql)
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
  }

  private static Connection as(DatabaseRole role) throws SQLException {
    DatabaseConfig login = db.forServer(role);
    return DriverManager.getConnection(login.jdbcUrl(), login.user(), login.password());
  }
}
