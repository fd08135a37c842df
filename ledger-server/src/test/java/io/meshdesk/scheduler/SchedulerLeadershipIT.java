package io.meshdesk.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.ledger.billing.StatementService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductSpec;
import io.meshdesk.ledger.cards.ProductStore;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.reminder.DirectoryTenants;
import io.meshdesk.reminder.LedgerAdapter;
import io.meshdesk.reminder.ReminderModule;
import io.meshdesk.reminder.dispatch.DispatchConfig;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.service.ReminderPlanner;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduler leadership between ledger-server instances: two instances of the production reminder
 * wiring (scheduler, lease, run log, the ledger's cycle jobs) on one database and Redis contend for
 * the lease while days pass, and the database shows each job run once per tenant and day; an old
 * leader that comes back after losing the lease has its writes refused by the fence.
 */
class SchedulerLeadershipIT {

  private static final Map<UUID, String> TENANTS = new LinkedHashMap<>();
  private static final List<String> JOBS =
      List.of(LedgerJobs.CLOSE_CYCLES, LedgerJobs.LATE_FEES, ReminderPlanner.NAME);

  private static final Shutdown shared = new Shutdown();
  private static final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
  private static DatabaseConfig config;
  private static Database database;
  private static Transactions tx;
  private static Redis redis;
  private static final Map<UUID, UUID> cardOfTenant = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    TENANTS.put(UUID.randomUUID(), "UTC");
    TENANTS.put(UUID.randomUUID(), "America/New_York");
    TENANTS.put(UUID.randomUUID(), "Asia/Tokyo");
    config = TestEnvironment.get().newDatabase("leadership");
    Migrations.apply(config, LedgerServer.CHANGELOGS);
    List<String> setup = new ArrayList<>();
    setup.add("create schema directory");
    setup.add("create table directory.tenant (id uuid primary key, time_zone text, status text)");
    setup.add("grant usage on schema directory to meshdesk_ledger");
    setup.add("grant select on directory.tenant to meshdesk_ledger");
    TENANTS.forEach(
        (id, zone) ->
            setup.add(
                "insert into directory.tenant values ('" + id + "', '" + zone + "', 'active')"));
    asOwner(setup);
    database = shared.register(new Database(config.forServer(DatabaseRole.LEDGER), "leadership"));
    tx = new Transactions(database.dataSource());
    redis = shared.register(new Redis(TestEnvironment.get().newRedis("leadership")));
    CardService cards =
        new CardService(tx, shared.register(new ProductStore(tx.dataSource())), clock);
    PostingEngine postings = new PostingEngine(tx, clock);
    for (UUID tenant : TENANTS.keySet()) {
      UUID product =
          cards
              .createProduct(
                  tenant,
                  new ProductSpec("Lease Visa", "VISA", "USD", 1999, 2599, 25, 2_500, 100, 3_900))
              .id();
      // billing cycle day 15: the first cycle ends on 15 March
      UUID card =
          cards
              .issue(tenant, UUID.randomUUID(), product, 500_000, "USD", 15, "", "SYSTEM", "test")
              .id();
      postings.post(
          tenant,
          null,
          new PostingOp.Direct(
              TxnType.PURCHASE,
              card,
              12_345,
              "USD",
              new Merchant("Corner Shop", "5411", "US", "Oakland", ""),
              null,
              "",
              "",
              "",
              "p-" + card));
      cardOfTenant.put(tenant, card);
    }
  }

  @AfterAll
  static void stop() {
    shared.close();
  }

  @Test
  void twoLiveInstancesRunEachJobOnceForEveryTenantAndDay() {
    clock.set(Instant.parse("2025-03-13T12:00:00Z"));
    LocalDate first = LocalDate.of(2025, 3, 13);
    LocalDate last = LocalDate.of(2025, 3, 17);
    try (ReminderModule a = instance("ledger-a").start();
        ReminderModule b = instance("ledger-b").start()) {
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        clock.set(day.atTime(12, 0).toInstant(ZoneOffset.UTC));
        LocalDate due = day;
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> doneRuns(due) == TENANTS.size() * JOBS.size());
      }
    }

    // every tenant, job and day has exactly one run, begun once (a second instance beginning the
    // same run would count a second attempt)
    for (UUID tenant : TENANTS.keySet()) {
      assertThat(runs(tenant))
          .as("runs of tenant %s", tenant)
          .hasSize(JOBS.size() * 5)
          .allSatisfy(r -> assertThat(r).endsWith("|done|1"));
      // the close-cycles job's effect: the cycle ending 15 March closed once
      assertThat(statementsOf(tenant, cardOfTenant.get(tenant))).containsExactly("2025-03-15");
    }
  }

  @Test
  void pausedLeaderReturningWithAStaleFenceCannotWrite() {
    UUID tenant = UUID.randomUUID(); // not in the directory: the live schedulers never see it
    LocalDate day = LocalDate.of(2030, 1, 1);
    LeaderLease leaseA = new LeaderLease(tx, "paused", "a", Duration.ofSeconds(30));
    JobRuns runsA = new JobRuns(tx, "paused", "a");
    long fenceA = leaseA.acquireOrRenew().orElseThrow();
    assertThat(runsA.begin(tenant, "job", day, fenceA, clock.instant())).isTrue();
    // a pauses past its lease (the renewal that set a 1 ms expiry is its last before the pause)
    new LeaderLease(tx, "paused", "a", Duration.ofMillis(1)).acquireOrRenew();
    LeaderLease leaseB = new LeaderLease(tx, "paused", "b", Duration.ofSeconds(30));
    long fenceB =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(leaseB::acquireOrRenew, OptionalLong::isPresent)
            .getAsLong();
    assertThat(fenceB).isGreaterThan(fenceA);

    // a returns and tries to finish its run and to start the next day's
    assertThat(runsA.finish(tenant, "job", day, fenceA, clock.instant())).isFalse();
    assertThat(runsA.begin(tenant, "job", day.plusDays(1), fenceA, clock.instant())).isFalse();
    assertThat(leaseA.acquireOrRenew()).isEmpty();
    assertThat(runs(tenant, "job")).containsExactly("2030-01-01|job|running|1");

    // the new leader resumes the run under its own fence
    JobRuns runsB = new JobRuns(tx, "paused", "b");
    assertThat(runsB.begin(tenant, "job", day, fenceB, clock.instant())).isTrue();
    assertThat(runsB.finish(tenant, "job", day, fenceB, clock.instant())).isTrue();
    assertThat(runs(tenant, "job")).containsExactly("2030-01-01|job|done|2");
  }

  /** One ledger-server's reminder wiring with its scheduler enabled and ticking fast. */
  private static ReminderModule instance(String id) {
    LedgerAdapter adapter = new LedgerAdapter(new StatementService(tx, clock), tx);
    return new ReminderModule(
        new ReminderModule.Parts(
            database.dataSource(),
            redis.client(),
            clock,
            id,
            new DirectoryTenants(tx),
            adapter,
            adapter,
            adapter,
            SmtpConfig.loopback(1),
            DispatchConfig.fast(0, 3),
            new SchedulerConfig(
                true, Duration.ofMillis(50), Duration.ofSeconds(5), LocalTime.of(0, 15), 31),
            DispatchHooks.NONE));
  }

  private static int doneRuns(LocalDate day) {
    int n = 0;
    for (UUID tenant : TENANTS.keySet()) {
      n +=
          tx.inTenant(
              tenant,
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "select count(*) from reminder.job_run where run_date = ? and status = 'done'")) {
                  ps.setDate(1, Date.valueOf(day));
                  try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                  }
                }
              });
    }
    return n;
  }

  /** The tenant's runs as {@code day|job|status|attempts}. */
  private static List<String> runs(UUID tenant) {
    return runs(tenant, null);
  }

  private static List<String> runs(UUID tenant, String job) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select run_date, job, status, attempts from reminder.job_run"
                      + " where (cast(? as text) is null or job = ?) order by run_date, job")) {
            ps.setString(1, job);
            ps.setString(2, job);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    rs.getDate(1)
                        + "|"
                        + rs.getString(2)
                        + "|"
                        + rs.getString(3)
                        + "|"
                        + rs.getInt(4));
              }
            }
            return out;
          }
        });
  }

  /** Period ends of the card's statements. */
  private static List<String> statementsOf(UUID tenant, UUID card) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select period_end from ledger.statement where card_id = ? order by period_end")) {
            ps.setObject(1, card);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }

  private static void asOwner(List<String> sql) {
    try (Connection c =
            DriverManager.getConnection(
                config.jdbcUrl(), config.ownerUser().orElseThrow(), config.ownerPassword());
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
