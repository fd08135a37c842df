package io.meshdesk.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Duration;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.ticket.v1.SlaPolicy;
import io.meshdesk.api.ticket.v1.SlaTarget;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaTargets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
 * all targets (as the ticket path's SQL reads them too), and another tenant's policy is untouched.
 */
class SlaPolicyStoreIT {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  private static final Actor ADA =
      Actor.newBuilder()
          .setKind(ActorKind.ACTOR_KIND_USER)
          .setId("u-ada")
          .setDisplayName("Ada")
          .build();
  private static final Actor BOT =
      Actor.newBuilder().setKind(ActorKind.ACTOR_KIND_SERVICE_ACCOUNT).setId("sa-bot").build();

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
    policies = new SlaPolicyStore(orm);
  }

  @AfterAll
  static void stop() {
    orm.close();
    database.close();
  }

  private static SlaTarget target(TicketPriority p, long firstSeconds, long resolutionSeconds) {
    return SlaTarget.newBuilder()
        .setPriority(p)
        .setFirstResponse(Duration.newBuilder().setSeconds(firstSeconds))
        .setResolution(Duration.newBuilder().setSeconds(resolutionSeconds))
        .build();
  }

  private static void replace(UUID tenant, List<SlaTarget> targets, Actor by, Instant at) {
    tx.inTenant(
        tenant,
        c -> {
          policies.replace(c, tenant, targets, by, at);
          return null;
        });
  }

  private static SlaPolicy policy(UUID tenant) {
    return tx.inTenant(tenant, c -> policies.policy(c, tenant));
  }

  @Test
  void aPolicyNeverSetIsVersionZeroWithoutTargets() {
    assertThat(policy(UUID.randomUUID())).isEqualTo(SlaPolicy.getDefaultInstance());
  }

  @Test
  void eachReplacementBumpsTheVersionAndReplacesAllTargetsOfItsTenantOnly() {
    UUID tenant = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    SlaTarget high = target(TicketPriority.TICKET_PRIORITY_HIGH, 3_600, 28_800);
    SlaTarget normal = target(TicketPriority.TICKET_PRIORITY_NORMAL, 14_400, 86_400);
    SlaTarget low = target(TicketPriority.TICKET_PRIORITY_LOW, 86_400, 604_800);
    replace(other, List.of(low), BOT, T0);

    replace(tenant, List.of(high, normal), ADA, T0);
    SlaPolicy first = policy(tenant);
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(first.getUpdatedBy()).isEqualTo(ADA);
    assertThat(first.getUpdatedAt()).isEqualTo(ProtoTime.timestamp(T0));
    assertThat(first.getTargetsList()).containsExactly(normal, high);

    replace(tenant, List.of(low), BOT, T0.plusSeconds(60));
    SlaPolicy second = policy(tenant);
    assertThat(second.getVersion()).isEqualTo(2);
    assertThat(second.getUpdatedBy()).isEqualTo(BOT);
    assertThat(second.getUpdatedAt()).isEqualTo(ProtoTime.timestamp(T0.plusSeconds(60)));
    assertThat(second.getTargetsList()).containsExactly(low);
    SlaTargets read = tx.inTenant(tenant, SettingsStore::targets);
    assertThat(read.byPriority()).containsOnlyKeys(Priority.LOW);
    assertThat(read.byPriority().get(Priority.LOW).resolution()).hasSeconds(604_800);

    SlaPolicy others = policy(other);
    assertThat(others.getVersion()).isEqualTo(1);
    assertThat(others.getTargetsList()).containsExactly(low);
  }

  @Test
  void twoAdminsSettingTheFirstPolicyAtOnceBothSucceedOneAfterTheOther() throws Exception {
    UUID tenant = UUID.randomUUID();
    SlaTarget high = target(TicketPriority.TICKET_PRIORITY_HIGH, 3_600, 28_800);
    SlaTarget low = target(TicketPriority.TICKET_PRIORITY_LOW, 86_400, 604_800);
    CountDownLatch firstWrote = new CountDownLatch(1);
    try (ExecutorService admins = Executors.newFixedThreadPool(2)) {
      // given a first admin's transaction that has set the tenant's first policy, not yet committed
      Future<?> first =
          admins.submit(
              () ->
                  tx.inTenant(
                      tenant,
                      c -> {
                        policies.replace(c, tenant, List.of(high), ADA, T0);
                        firstWrote.countDown();
                        // commits only once the second admin waits on its row
                        await()
                            .atMost(java.time.Duration.ofSeconds(60))
                            .until(() -> sessionsWaitingOnALock() > 0);
                        return null;
                      }));
      assertThat(firstWrote.await(60, TimeUnit.SECONDS)).isTrue();

      // when a second admin sets it at the same moment
      Future<?> second = admins.submit(() -> replace(tenant, List.of(low), BOT, T0.plusSeconds(1)));

      // then both succeed, the second one after the first
      first.get(60, TimeUnit.SECONDS);
      second.get(60, TimeUnit.SECONDS);
    }
    SlaPolicy policy = policy(tenant);
    assertThat(policy.getVersion()).isEqualTo(2);
    assertThat(policy.getUpdatedBy()).isEqualTo(BOT);
    assertThat(policy.getTargetsList()).containsExactly(low);
  }

  /** Sessions of this test's database waiting for a lock another transaction holds. */
  private static long sessionsWaitingOnALock() throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from pg_stat_activity"
                    + " where datname = current_database() and wait_event_type = 'Lock'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
