package io.meshdesk.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.meshdesk.ai.AiWorker;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.ticket.TicketServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Row-level security of every table that has a {@code tenant_id}, in every schema of every server,
 * found in the catalog (a new table is covered without touching this test). A row of tenant B is
 * seeded in each table as the owner; then, through the application pool the servers use, tenant A
 * can neither read, update, delete nor insert tenant B's rows, and with no tenant set the table
 * reads empty. The only tables exempt are tenant directories (primary key {@code tenant_id} alone,
 * row-level security off), which the schedulers read before they enter a tenant.
 */
class RowLevelSecurityIT {

  private static final UUID TENANT_A = UUID.randomUUID();
  private static final UUID TENANT_B = UUID.randomUUID();

  /** insufficient_privilege: a row-level security violation or a missing grant. */
  private static final String REFUSED = "42501";

  private static DatabaseConfig config;
  private static Connection owner;
  private static CatalogRows rows;
  private static Database app;
  private static Transactions tx;
  private static List<String> tables;

  /** Tenant directories: one row per tenant keyed by tenant_id, deliberately without RLS. */
  private static List<String> directories;

  @BeforeAll
  static void migrateAndSeed() throws SQLException {
    config = TestEnvironment.get().newDatabase("rls");
    Migrations.apply(
        config,
        Stream.of(TicketServer.CHANGELOGS, LedgerServer.CHANGELOGS, AiWorker.CHANGELOGS)
            .flatMap(List::stream)
            .toList());
    owner =
        DriverManager.getConnection(
            config.jdbcUrl(), config.ownerUser().orElseThrow(), config.ownerPassword());
    try (Statement s = owner.createStatement()) {
      // Tables with FORCE ROW LEVEL SECURITY hold their owner to the policies too.
      s.execute("select set_config('app.tenant_id', '" + TENANT_B + "', false)");
    }
    rows = new CatalogRows(owner);
    tables = new ArrayList<>();
    directories = new ArrayList<>();
    for (String table : CatalogRows.tenantTables(owner)) {
      (CatalogRows.isTenantDirectory(owner, table) ? directories : tables).add(table);
    }
    // The test database's login is a member of every server's role (meshdesk_ticket, _ledger, _ai),
    // so it holds each schema's grants, owns nothing and has no BYPASSRLS: only the policies stop
    // it.
    app = new Database(config, "rls-app");
    tx = new Transactions(app.dataSource());
  }

  @AfterAll
  static void close() throws SQLException {
    if (app != null) {
      app.close();
    }
    if (owner != null) {
      owner.close();
    }
  }

  @Test
  void catalogFindsTheTenantTablesOfEveryServer() {
    assertThat(tables)
        .extracting(t -> t.substring(0, t.indexOf('.')))
        .contains("identity", "ticket", "ledger", "reminder", "knowledge");
    assertThat(config.user())
        .isEqualTo(DatabaseConfig.LOCAL_ROLE)
        .isNotEqualTo(config.ownerUser().orElseThrow());
    assertThat(directories)
        .as("tenant directories (primary key tenant_id, no row-level security)")
        .allMatch(t -> t.endsWith("tenant") || t.endsWith("tenants"));
  }

  @TestFactory
  Stream<DynamicTest> tenantACannotTouchTenantBsRowsAndNoTenantReadsNothing() {
    return tables.stream()
        .map(table -> DynamicTest.dynamicTest(table, () -> checkIsolation(table)));
  }

  private static void checkIsolation(String table) throws SQLException {
    // given a row of tenant B, seeded as the owner
    rows.seed(table, TENANT_B);
    long seeded = ownerCount(table);
    assertThat(seeded).as("rows of tenant B in %s seen by the owner", table).isPositive();

    // then tenant A reads none of it
    assertThat(
            asTenantA(
                table, "select count(*) from " + table + " where tenant_id = '" + TENANT_B + "'"))
        .as("%s: rows of B read as A", table)
        .isZero();
    assertThat(asTenantA(table, "select count(*) from " + table))
        .as("%s: rows read as A", table)
        .isZero();
    // nor updates or deletes it
    assertThat(
            asTenantA(
                table,
                "update "
                    + table
                    + " set tenant_id = tenant_id where tenant_id = '"
                    + TENANT_B
                    + "'"))
        .as("%s: rows of B updated as A", table)
        .isZero();
    assertThat(asTenantA(table, "delete from " + table + " where tenant_id = '" + TENANT_B + "'"))
        .as("%s: rows of B deleted as A", table)
        .isZero();
    // nor inserts a row in B's name
    Map<String, Object> foreign = rows.values(table, TENANT_B, new ArrayList<>());
    Throwable insert =
        catchThrowable(() -> tx.inTenant(TENANT_A, c -> CatalogRows.insert(c, table, foreign)));
    assertThat(sqlState(insert))
        .as("%s: insert of a row of B as A must be refused, got %s", table, insert)
        .isEqualTo(REFUSED);
    // and with no tenant set the table reads empty
    assertThat(count(null, "select count(*) from " + table))
        .as("%s: rows read with no tenant", table)
        .isZero();

    assertThat(ownerCount(table)).as("%s: B's rows are untouched", table).isEqualTo(seeded);
  }

  /**
   * Rows read or touched by {@code sql} as tenant A; a statement refused for want of a grant
   * touches none.
   */
  private static long asTenantA(String table, String sql) {
    return count(TENANT_A, sql);
  }

  private static long count(UUID tenant, String sql) {
    Transactions.Work<Long> work =
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (!ps.execute()) {
              return (long) ps.getUpdateCount();
            }
            try (ResultSet rs = ps.getResultSet()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        };
    try {
      return tenant == null ? tx.withoutTenant(work) : tx.inTenant(tenant, work);
    } catch (RuntimeException e) {
      if (REFUSED.equals(sqlState(e))) {
        return 0;
      }
      throw e;
    }
  }

  private static long ownerCount(String table) throws SQLException {
    try (PreparedStatement ps =
        owner.prepareStatement("select count(*) from " + table + " where tenant_id = ?::uuid")) {
      ps.setString(1, TENANT_B.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String sqlState(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
