package io.meshdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Row-level security of the identity schema, through the application's own pool. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityRlsIT {

  static final List<String> TENANT_TABLES =
      List.of("app_user", "service_account", "refresh_token", "audit_event");

  Database database;
  Transactions tx;
  UUID a = UUID.randomUUID();
  UUID b = UUID.randomUUID();
  UUID userB = UUID.randomUUID();

  @BeforeAll
  void start() {
    DatabaseConfig db = TestEnvironment.get().newDatabase("identityrls");
    Migrations.apply(db, List.of(IdentityModule.CHANGELOG));
    database = new Database(db, "rls-test");
    tx = new Transactions(database.dataSource());
    for (UUID t : List.of(a, b)) {
      tx.withoutTenant(
          c ->
              exec(
                  c,
                  "insert into identity.tenant (id, slug, display_name, time_zone, created_at) values (?, ?, 'x', 'UTC', now())",
                  t,
                  "t" + t.toString().substring(0, 8)));
      UUID user = t.equals(b) ? userB : UUID.randomUUID();
      tx.inTenant(
          t,
          c -> {
            exec(
                c,
                "insert into identity.app_user (tenant_id, id, email, display_name, role, created_at, updated_at) values (?, ?, 'u@x.example', 'U', 'agent', now(), now())",
                t,
                user);
            exec(
                c,
                "insert into identity.service_account (id, tenant_id, client_id, name, secret_hash, grants, created_at, created_by_kind, created_by_id, created_by_name) values (?, ?, ?, 'sa', 'h', '{}', now(), 'SYSTEM', '', 's')",
                UUID.randomUUID(),
                t,
                t + ".sa");
            exec(
                c,
                "insert into identity.refresh_token (id, tenant_id, token_hash, family_id, subject_id, issued_at, expires_at) values (?, ?, ?, ?, ?, now(), now() + interval '1 day')",
                UUID.randomUUID(),
                t,
                "h" + t,
                UUID.randomUUID(),
                user);
            exec(
                c,
                "insert into identity.audit_event (id, tenant_id, actor_kind, actor_id, actor_name, action, target_type, target_id, occurred_at) values (?, ?, 'SYSTEM', '', 's', 'user.created', 'user', 'x', now())",
                UUID.randomUUID(),
                t);
            return null;
          });
    }
  }

  @AfterAll
  void stop() {
    database.close();
  }

  static int exec(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps.executeUpdate();
    }
  }

  static long longOf(Long v) {
    return v;
  }

  static long count(Connection c, String table, String where) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("select count(*) from identity." + table + where);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void withNoTenantSetEveryTenantTableReadsEmpty() {
    for (String table : TENANT_TABLES) {
      assertThat(longOf(tx.withoutTenant(c -> count(c, table, "")))).as(table).isZero();
    }
  }

  @Test
  void tenantAReadsOnlyItsOwnRows() {
    for (String table : TENANT_TABLES) {
      assertThat(longOf(tx.inTenant(a, c -> count(c, table, "")))).as(table).isEqualTo(1);
      assertThat(longOf(tx.inTenant(a, c -> count(c, table, " where tenant_id = '" + b + "'"))))
          .as(table)
          .isZero();
    }
  }

  @Test
  void tenantACannotUpdateOrDeleteRowsOfTenantB() {
    assertThat(
            longOf(
                tx.inTenant(
                    a,
                    c ->
                        (long)
                            exec(
                                c,
                                "update identity.app_user set display_name = 'hacked' where id = ?",
                                userB))))
        .isZero();
    assertThat(
            longOf(
                tx.inTenant(
                    a, c -> (long) exec(c, "delete from identity.app_user where id = ?", userB))))
        .isZero();
    assertThat(
            longOf(
                tx.inTenant(
                    a,
                    c ->
                        (long)
                            exec(c, "delete from identity.refresh_token where tenant_id = ?", b))))
        .isZero();
    assertThat(longOf(tx.inTenant(b, c -> count(c, "app_user", " where display_name = 'U'"))))
        .isEqualTo(1);
  }

  @Test
  void tenantACannotInsertRowsOfTenantB() {
    assertThatThrownBy(
            () ->
                tx.inTenant(
                    a,
                    c ->
                        exec(
                            c,
                            "insert into identity.app_user (tenant_id, id, email, display_name, role, created_at, updated_at) values (?, ?, 'v@x.example', 'V', 'agent', now(), now())",
                            b,
                            UUID.randomUUID())))
        .hasMessageContaining("row-level security");
  }

  @Test
  void auditLogIsAppendOnlyForTheApplication() {
    assertThatThrownBy(
            () -> tx.inTenant(a, c -> exec(c, "update identity.audit_event set action = 'x'")))
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> tx.inTenant(a, c -> exec(c, "delete from identity.audit_event")))
        .hasMessageContaining("permission denied");
  }
}
