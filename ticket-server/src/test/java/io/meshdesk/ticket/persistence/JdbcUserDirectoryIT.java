package io.meshdesk.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.identity.IdentityModule;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.ticket.domain.UserDirectory;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ticket server's view of identity's users, on real PostgreSQL through the application pool:
 * who exists with which role, display names, and a team's active staff, each inside one tenant.
 */
class JdbcUserDirectoryIT {

  private static final UUID TENANT = UUID.randomUUID();
  private static final UUID OTHER_TENANT = UUID.randomUUID();
  private static final UUID TEAM = UUID.randomUUID();
  // ids in a known order (the directory orders by id as PostgreSQL compares uuids)
  private static final UUID MANAGER = UUID.fromString("10000000-0000-4000-8000-000000000000");
  private static final UUID AGENT = UUID.fromString("20000000-0000-4000-8000-000000000000");
  private static final UUID CUSTOMER = UUID.randomUUID();
  private static final UUID DEACTIVATED_AGENT = UUID.randomUUID();
  private static final UUID AGENT_OF_OTHER_TENANT = UUID.randomUUID();

  private static Database database;
  private static UserDirectory directory;

  @BeforeAll
  static void seedUsers() {
    DatabaseConfig db = TestEnvironment.get().newDatabase("userdirectory");
    Migrations.apply(db, List.of(IdentityModule.CHANGELOG));
    database = new Database(db, "userdirectory-test");
    Transactions tx = new Transactions(database.dataSource());
    insertTenant(tx, TENANT);
    insertTenant(tx, OTHER_TENANT);
    insertUser(tx, TENANT, AGENT, "Ann Agent", "agent", "active", TEAM);
    insertUser(tx, TENANT, MANAGER, "Max Manager", "manager", "active", TEAM);
    insertUser(tx, TENANT, CUSTOMER, "Cat Customer", "customer", "active", TEAM);
    insertUser(tx, TENANT, DEACTIVATED_AGENT, "Gone Agent", "agent", "deactivated", TEAM);
    insertUser(tx, OTHER_TENANT, AGENT_OF_OTHER_TENANT, "Other Agent", "agent", "active", TEAM);
    directory = new JdbcUserDirectory(tx);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void activeUserExistsOnlyWithOneOfTheAskedRoles() {
    assertThat(directory.exists(TENANT, AGENT, Set.of(Role.AGENT, Role.MANAGER))).isTrue();
    assertThat(directory.exists(TENANT, MANAGER, Set.of(Role.AGENT, Role.MANAGER))).isTrue();
    assertThat(directory.exists(TENANT, CUSTOMER, Set.of(Role.AGENT, Role.MANAGER))).isFalse();
    assertThat(directory.exists(TENANT, CUSTOMER, Set.of(Role.CUSTOMER))).isTrue();
  }

  @Test
  void deactivatedOrUnknownUserDoesNotExist() {
    assertThat(directory.exists(TENANT, DEACTIVATED_AGENT, Set.of(Role.AGENT))).isFalse();
    assertThat(directory.exists(TENANT, UUID.randomUUID(), Set.of(Role.AGENT))).isFalse();
  }

  @Test
  void userOfAnotherTenantDoesNotExistHere() {
    assertThat(directory.exists(TENANT, AGENT_OF_OTHER_TENANT, Set.of(Role.AGENT))).isFalse();
    assertThat(directory.exists(OTHER_TENANT, AGENT_OF_OTHER_TENANT, Set.of(Role.AGENT))).isTrue();
  }

  @Test
  void displayNameIsTheUsersOrEmptyWhenUnknownOrInAnotherTenant() {
    assertThat(directory.displayName(TENANT, MANAGER)).isEqualTo("Max Manager");
    assertThat(directory.displayName(TENANT, UUID.randomUUID())).isEmpty();
    assertThat(directory.displayName(TENANT, AGENT_OF_OTHER_TENANT)).isEmpty();
  }

  @Test
  void teamMembersAreTheActiveStaffOfTheTeamInThisTenantInIdOrder() {
    assertThat(directory.teamMembers(TENANT, TEAM)).containsExactly(MANAGER, AGENT);
    assertThat(directory.teamMembers(TENANT, UUID.randomUUID())).isEmpty();
    assertThat(directory.teamMembers(OTHER_TENANT, TEAM)).containsExactly(AGENT_OF_OTHER_TENANT);
  }

  private static void insertTenant(Transactions tx, UUID tenant) {
    tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into identity.tenant (id, slug, display_name, time_zone, created_at)"
                      + " values (?, ?, 'T', 'UTC', now())")) {
            ps.setObject(1, tenant);
            ps.setString(2, "t-" + tenant);
            return ps.executeUpdate();
          }
        });
  }

  private static void insertUser(
      Transactions tx, UUID tenant, UUID user, String name, String role, String status, UUID team) {
    tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into identity.app_user (tenant_id, id, email, display_name, role,"
                      + " status, team_ids, created_at, updated_at)"
                      + " values (?, ?, ?, ?, ?, ?, ?, now(), now())")) {
            Array teams = c.createArrayOf("uuid", new Object[] {team});
            ps.setObject(1, tenant);
            ps.setObject(2, user);
            ps.setString(3, user + "@example.test");
            ps.setString(4, name);
            ps.setString(5, role);
            ps.setString(6, status);
            ps.setArray(7, teams);
            return ps.executeUpdate();
          }
        });
  }
}
