package io.meshdesk.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.ticket.domain.Team;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Teams on Hibernate against real PostgreSQL as the application role: a team reads back whole in
 * its own tenant only, pages by name, a taken name is refused per tenant, and the ticket path's SQL
 * check sees what the entity wrote.
 */
class TeamStoreIT {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private static Database database;
  private static Transactions tx;
  private static Hibernate orm;
  private static TeamStore teams;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TestEnvironment.get().newDatabase("team-store");
    Migrations.apply(db, List.of("db/changelog/ticket/master.yaml"));
    database = new Database(db, "team-store");
    tx = new Transactions(database.dataSource());
    orm = SettingsStore.orm(database.dataSource());
    teams = new TeamStore(tx, orm);
  }

  @AfterAll
  static void stop() {
    orm.close();
    database.close();
  }

  private static Team team(String name) {
    return new Team(UUID.randomUUID(), name, name + " desk", T0);
  }

  private static boolean insert(UUID tenant, Team team) {
    return teams.create(tenant, team);
  }

  private static List<Team> page(UUID tenant, String after, int limit) {
    return teams.page(tenant, after, limit);
  }

  private static boolean teamExists(UUID tenant, Team team) {
    return tx.inTenant(tenant, c -> SettingsStore.teamExists(c, team.id().toString()));
  }

  @Test
  void teamsReadBackWholeInTheirOwnTenantOnlyAndPageByName() {
    UUID tenant = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    Team ops = team("ops");
    Team billing = team("billing");
    Team core = team("core");
    Team othersOps = team("ops");
    for (Team t : List.of(ops, billing, core)) {
      assertThat(insert(tenant, t)).isTrue();
    }
    assertThat(insert(other, othersOps)).as("names are unique per tenant").isTrue();

    assertThat(page(tenant, "", 10)).containsExactly(billing, core, ops);
    assertThat(page(tenant, "billing", 1)).containsExactly(core);
    assertThat(page(other, "", 10)).containsExactly(othersOps);
    assertThat(teamExists(tenant, core)).isTrue();
    assertThat(teamExists(other, core)).isFalse();
  }

  @Test
  void aTakenNameIsRefusedAndWritesNothing() {
    UUID tenant = UUID.randomUUID();
    Team first = team("support");
    Team second = team("support");

    assertThat(insert(tenant, first)).isTrue();
    assertThat(insert(tenant, second)).isFalse();

    assertThat(page(tenant, "", 10)).containsExactly(first);
  }
}
