package io.meshdesk.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ActorKind;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaPolicy;
import io.meshdesk.ticket.domain.SlaTarget;
import io.meshdesk.ticket.domain.SlaTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLA policies on Hibernate against real PostgreSQL as the application role: a policy never set is
 * version 0 without targets, each replacement bumps the version, records who and when, and replaces
 * all targets (as the ticket path's SQL reads them too), another tenant's policy is untouched, and
 * callers racing to set a tenant's first policy queue instead of colliding on its row.
 */
class SlaPolicyStoreIT {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final Actor ADA = new Actor(ActorKind.USER, "u-ada", "Ada");
  private static final Actor BOT = new Actor(ActorKind.SERVICE_ACCOUNT, "sa-bot", "");

  private static Database database;
  private static Transactions tx;
  private static Hibernate orm;
  private static SlaPolicyStore policies;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TestEnvironment.get().newDatabase("sla-policy-store");
    Migrations.apply(db, List.of("db/changelog/ticket/master.yaml"));
    database = new Database(db, "sla-policy-store");
    tx = new Transactions(database.dataSource());
    orm = SettingsStore.orm(database.dataSource());
    policies = new SlaPolicyStore(tx, orm);
  }

  @AfterAll
  static void stop() {
    orm.close();
    database.close();
  }

  private static SlaTarget target(Priority p, long firstSeconds, long resolutionSeconds) {
    return new SlaTarget(
        p, Duration.ofSeconds(firstSeconds), Duration.ofSeconds(resolutionSeconds));
  }

  private static SlaPolicy replace(UUID tenant, List<SlaTarget> targets, Actor by, Instant at) {
    return policies.replace(tenant, targets, by, at);
  }

  private static SlaPolicy policy(UUID tenant) {
    return policies.current(tenant);
  }

  @Test
  void aPolicyNeverSetIsVersionZeroWithoutTargets() {
    assertThat(policy(UUID.randomUUID())).isEqualTo(SlaPolicy.unset());
  }

  @Test
  void eachReplacementBumpsTheVersionAndReplacesAllTargetsOfItsTenantOnly() {
    UUID tenant = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    SlaTarget high = target(Priority.HIGH, 3_600, 28_800);
    SlaTarget normal = target(Priority.NORMAL, 14_400, 86_400);
    SlaTarget low = target(Priority.LOW, 86_400, 604_800);
    replace(other, List.of(low), BOT, T0);

    SlaPolicy replaced = replace(tenant, List.of(high, normal), ADA, T0);
    SlaPolicy first = policy(tenant);
    assertThat(replaced).as("the policy as stored").isEqualTo(first);
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.updatedBy()).isEqualTo(ADA);
    assertThat(first.updatedAt()).isEqualTo(T0);
    assertThat(first.targets()).containsExactly(normal, high);

    replace(tenant, List.of(low), BOT, T0.plusSeconds(60));
    SlaPolicy second = policy(tenant);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.updatedBy()).isEqualTo(BOT);
    assertThat(second.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(second.targets()).containsExactly(low);
    SlaTargets read = tx.inTenant(tenant, SettingsStore::targets);
    assertThat(read.byPriority()).containsOnlyKeys(Priority.LOW);
    assertThat(read.byPriority().get(Priority.LOW).resolution()).hasSeconds(604_800);

    SlaPolicy others = policy(other);
    assertThat(others.version()).isEqualTo(1);
    assertThat(others.targets()).containsExactly(low);
  }

  @Test
  void callersSettingATenantsFirstPolicyAtOnceAllSucceedOneAfterAnother() throws Exception {
    int callers = 6;
    for (int round = 0; round < 5; round++) {
      UUID tenant = UUID.randomUUID();
      CyclicBarrier start = new CyclicBarrier(callers);
      List<Future<SlaPolicy>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
        for (int i = 0; i < callers; i++) {
          SlaTarget t = target(Priority.HIGH, 60 + i, 3_600);
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return replace(tenant, List.of(t), ADA, T0);
                  }));
        }
        List<Long> versions = new ArrayList<>();
        for (Future<SlaPolicy> r : results) {
          versions.add(r.get(60, TimeUnit.SECONDS).version());
        }
        assertThat(versions).as("each caller saw its own replacement").doesNotHaveDuplicates();
      }
      SlaPolicy last = policy(tenant);
      assertThat(last.version()).isEqualTo(callers);
      assertThat(last.targets()).hasSize(1);
    }
  }
}
