package io.meshdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.TestEnvironment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenant mechanism: migrations as the owner, an application pool that cannot bypass RLS, and
 * transactions that set {@code app.tenant_id} for themselves only.
 */
class TenantTransactionsIT {

  private static Database database;
  private static Transactions tx;
  private static Hibernate hibernate;
  private static final UUID TENANT_A = UUID.randomUUID();
  private static final UUID TENANT_B = UUID.randomUUID();

  @BeforeAll
  static void migrate() {
    DatabaseConfig config = TestEnvironment.get().newDatabase("tenanttx");
    Migrations.apply(config, List.of("db/changelog/testing/master.yaml"));
    database = new Database(config, "test");
    tx = new Transactions(database.dataSource());
    hibernate = new Hibernate(database.dataSource(), List.of(Note.class));
  }

  @AfterAll
  static void close() {
    hibernate.close();
    database.close();
  }

  private static int insert(UUID tenant, UUID rowTenant, String body) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("insert into testing.note values (?, ?, ?)")) {
            ps.setObject(1, rowTenant);
            ps.setObject(2, UUID.randomUUID());
            ps.setString(3, body);
            return ps.executeUpdate();
          }
        });
  }

  private static long count(Transactions.Work<Long> work) {
    return tx.withoutTenant(work);
  }

  /**
   * Runs one statement about row {@code id} as {@code tenant}; returns how many rows it saw or
   * touched.
   */
  private static int rowsTouched(UUID tenant, String sql, UUID id) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            if (!sql.startsWith("select")) {
              return ps.executeUpdate();
            }
            try (ResultSet rs = ps.executeQuery()) {
              int n = 0;
              while (rs.next()) {
                n++;
              }
              return n;
            }
          }
        });
  }

  private static String bodyOf(UUID tenant, UUID id) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select body from testing.note where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString(1) : null;
            }
          }
        });
  }

  private static long countIn(UUID tenant) {
    return tx.inTenant(tenant, TenantTransactionsIT::countNotes);
  }

  private static long countNotes(java.sql.Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select count(*) from testing.note");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void eachTenantSeesOnlyItsOwnRowsAndNoTenantSeesNothing() {
    insert(TENANT_A, TENANT_A, "a1");
    insert(TENANT_B, TENANT_B, "b1");
    assertThat(countIn(TENANT_A)).isGreaterThanOrEqualTo(1);
    long everyRow = countIn(TENANT_A) + countIn(TENANT_B);
    assertThat(countIn(TENANT_B)).isGreaterThanOrEqualTo(1).isLessThan(everyRow);
    assertThat(count(TenantTransactionsIT::countNotes)).isZero();
    assertThat(countIn(UUID.randomUUID())).isZero();
  }

  @Test
  void transactionsSurviveConnectionsTerminatedUnderThePool() {
    insert(TENANT_A, TENANT_A, "before");
    long before = countIn(TENANT_A);
    // given every pooled connection is killed by the server
    int killed =
        TestEnvironment.get()
            .postgres()
            .terminateAppConnections(TestEnvironment.databaseName(database.config()));
    assertThat(killed).isPositive();
    // when the application keeps working, then no caller sees the fault
    insert(TENANT_A, TENANT_A, "after");
    assertThat(countIn(TENANT_A)).isEqualTo(before + 1);
  }

  @Test
  void aStatementThatCommitsItselfIsCommittedOnceAndEndsTheTenantScope() {
    long before = countIn(TENANT_A);
    tx.inTenant(
        TENANT_A,
        c -> {
          Transactions.committingInStatement();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into testing.note values (?, ?, 'self-committed')"
                      + Transactions.COMMIT)) {
            ps.setObject(1, TENANT_A);
            ps.setObject(2, UUID.randomUUID());
            return ps.execute();
          }
        });
    assertThat(countIn(TENANT_A)).isEqualTo(before + 1);
    assertThat(count(TenantTransactionsIT::countNotes)).isZero();
  }

  @Test
  void aConnectionLostInASelfCommittingStatementIsNotRunAgain() {
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    Transactions.Work<Boolean> killOwnConnection =
        c -> {
          runs.incrementAndGet();
          Transactions.committingInStatement();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select pg_terminate_backend(pg_backend_pid())" + Transactions.COMMIT)) {
            return ps.execute();
          }
        };
    // the outcome of a lost self-committing statement is unknown: UNAVAILABLE at once, no second
    // run
    assertThatThrownBy(() -> tx.inTenant(TENANT_A, killOwnConnection))
        .isInstanceOf(io.meshdesk.platform.errors.UnavailableException.class)
        .hasMessageContaining("while committing");
    assertThat(runs).hasValue(1);
    // while work that dies before any commit is retried on fresh connections
    runs.set(0);
    assertThatThrownBy(
            () ->
                tx.inTenant(
                    TENANT_A,
                    c -> {
                      runs.incrementAndGet();
                      try (PreparedStatement ps =
                          c.prepareStatement("select pg_terminate_backend(pg_backend_pid())")) {
                        return ps.execute();
                      }
                    }))
        .isInstanceOf(io.meshdesk.platform.errors.UnavailableException.class);
    assertThat(runs).hasValue(3);
  }

  @Test
  void tenantACannotSeeUpdateDeleteOrInsertTenantBsRow() {
    // given a row of tenant B
    UUID id = UUID.randomUUID();
    tx.inTenant(
        TENANT_B,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("insert into testing.note values (?, ?, 'b-owned')")) {
            ps.setObject(1, TENANT_B);
            ps.setObject(2, id);
            return ps.executeUpdate();
          }
        });
    // when tenant A reads, updates and deletes it by its id, then nothing is seen or touched
    assertThat(rowsTouched(TENANT_A, "select * from testing.note where id = ?", id)).isZero();
    assertThat(rowsTouched(TENANT_A, "update testing.note set body = 'taken' where id = ?", id))
        .isZero();
    assertThat(rowsTouched(TENANT_A, "delete from testing.note where id = ?", id)).isZero();
    // and tenant A cannot write a row in B's name either
    assertThatThrownBy(() -> insert(TENANT_A, TENANT_B, "forged"))
        .hasStackTraceContaining("row-level security");
    // while B's row is still there, unchanged, and B sees it
    assertThat(rowsTouched(TENANT_B, "select * from testing.note where id = ?", id)).isOne();
    assertThat(bodyOf(TENANT_B, id)).isEqualTo("b-owned");
  }

  @Test
  void theTenantSettingEndsWithTheTransaction() {
    insert(TENANT_A, TENANT_A, "scoped");
    // The pool hands out the same few connections; a later transaction without a tenant must see
    // no rows even on a connection that served tenant A a moment ago.
    for (int i = 0; i < 20; i++) {
      assertThat(count(TenantTransactionsIT::countNotes)).isZero();
      String setting =
          tx.withoutTenant(
              c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("select current_setting('app.tenant_id', true)");
                    ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getString(1) == null ? "" : rs.getString(1);
                }
              });
      assertThat(setting).isEmpty();
    }
  }

  @Test
  void theApplicationRoleCannotBypassRowLevelSecurity() {
    boolean bypass =
        tx.withoutTenant(
            c -> {
              try (PreparedStatement ps =
                      c.prepareStatement(
                          "select rolbypassrls or rolsuper from pg_roles where rolname = current_user");
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
              }
            });
    assertThat(bypass).isFalse();
    assertThatThrownBy(
            () ->
                tx.withoutTenant(
                    c -> {
                      try (PreparedStatement ps =
                          c.prepareStatement(
                              "alter table testing.note disable row level security")) {
                        return ps.execute();
                      }
                    }))
        .hasStackTraceContaining("must be owner");
  }

  @Test
  void hibernateFillsAndFiltersTheTenantAndRlsBacksIt() {
    UUID id = UUID.randomUUID();
    hibernate.inTenant(
        TENANT_A,
        s -> {
          s.persist(new Note(id, "via hibernate"));
          return null;
        });
    Note found = hibernate.inTenant(TENANT_A, s -> s.find(Note.class, id));
    assertThat(found).isNotNull();
    assertThat(found.tenantId()).isEqualTo(TENANT_A);
    assertThat(found.body()).isEqualTo("via hibernate");

    List<Note> seenByB =
        hibernate.inTenant(
            TENANT_B, s -> s.createSelectionQuery("from Note", Note.class).getResultList());
    assertThat(seenByB).extracting(Note::id).doesNotContain(id);
    Note crossTenant = hibernate.inTenant(TENANT_B, s -> s.find(Note.class, id));
    assertThat(crossTenant).isNull();
  }
}
