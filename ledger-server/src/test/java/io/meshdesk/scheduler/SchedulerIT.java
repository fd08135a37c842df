package io.meshdesk.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.ReminderModule;
import io.meshdesk.reminder.persistence.TenantStore;
import io.meshdesk.testing.MutableClock;
import io.meshdesk.testing.TestEnvironment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily scheduler against real PostgreSQL: days in tenant zones across DST, and leader
 * failover.
 */
class SchedulerIT {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static Database database;
  static Transactions tx;

  @BeforeAll
  static void start() {
    DatabaseConfig config = TestEnvironment.get().newDatabase("scheduler");
    Migrations.apply(config, List.of(ReminderModule.CHANGELOG));
    database = new Database(config, "scheduler");
    tx = new Transactions(database.dataSource());
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  /** A job that records the (tenant, day) it ran for and when. */
  record Run(UUID tenant, LocalDate day, Instant at) {}

  static ScheduledJob recording(String name, List<Run> runs, java.time.Clock clock) {
    return new ScheduledJob() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(UUID tenantId, LocalDate day, ZoneId zone) {
        runs.add(new Run(tenantId, day, clock.instant()));
      }
    };
  }

  private Scheduler scheduler(
      String lease,
      String holder,
      TenantDirectory tenants,
      List<ScheduledJob> jobs,
      LocalTime runAt,
      java.time.Clock clock,
      Duration ttl) {
    SchedulerConfig config = new SchedulerConfig(true, Duration.ofMillis(100), ttl, runAt, 31);
    return new Scheduler(
        new LeaderLease(tx, lease, holder, ttl),
        new JobRuns(tx, lease, holder),
        tenants,
        jobs,
        config,
        clock);
  }

  private static TenantDirectory only(UUID tenant, ZoneId zone) {
    return () -> List.of(new TenantDirectory.TenantZone(tenant, zone));
  }

  @Test
  void springForwardNeitherSkipsNorRepeatsADayAndRunsAtTheShiftedTime() {
    UUID tenant = UUID.randomUUID();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-06T00:00:00Z"));
    List<Run> runs = new CopyOnWriteArrayList<>();
    // 02:30 does not exist in New York on 8 March 2026: that day runs at 03:30 EDT.
    Scheduler s =
        scheduler(
            "dst-march",
            "a",
            only(tenant, NEW_YORK),
            List.of(recording("job", runs, clock)),
            LocalTime.of(2, 30),
            clock,
            Duration.ofSeconds(30));

    while (clock.instant().isBefore(Instant.parse("2026-03-11T00:00:00Z"))) {
      s.tick();
      clock.advance(Duration.ofMinutes(10));
    }

    assertThat(runs.stream().map(Run::day).toList())
        .containsExactly(
            LocalDate.of(2026, 3, 5),
            LocalDate.of(2026, 3, 6),
            LocalDate.of(2026, 3, 7),
            LocalDate.of(2026, 3, 8),
            LocalDate.of(2026, 3, 9),
            LocalDate.of(2026, 3, 10));
    Map<LocalDate, Instant> at = runs.stream().collect(Collectors.toMap(Run::day, Run::at));
    assertThat(at.get(LocalDate.of(2026, 3, 7))).isEqualTo(Instant.parse("2026-03-07T07:30:00Z"));
    assertThat(at.get(LocalDate.of(2026, 3, 8))).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    assertThat(at.get(LocalDate.of(2026, 3, 9))).isEqualTo(Instant.parse("2026-03-09T06:30:00Z"));
  }

  @Test
  void fallBackRunsTheRepeatedHourOnce() {
    UUID tenant = UUID.randomUUID();
    MutableClock clock = new MutableClock(Instant.parse("2026-10-30T12:00:00Z"));
    List<Run> runs = new CopyOnWriteArrayList<>();
    // 01:30 happens twice in New York on 1 November 2026; the day runs at the first one only.
    Scheduler s =
        scheduler(
            "dst-november",
            "a",
            only(tenant, NEW_YORK),
            List.of(recording("job", runs, clock)),
            LocalTime.of(1, 30),
            clock,
            Duration.ofSeconds(30));

    while (clock.instant().isBefore(Instant.parse("2026-11-04T00:00:00Z"))) {
      s.tick();
      clock.advance(Duration.ofMinutes(10));
    }

    assertThat(runs.stream().map(Run::day).toList())
        .containsExactly(
            LocalDate.of(2026, 10, 30),
            LocalDate.of(2026, 10, 31),
            LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 11, 2),
            LocalDate.of(2026, 11, 3));
    Map<LocalDate, Instant> at = runs.stream().collect(Collectors.toMap(Run::day, Run::at));
    assertThat(at.get(LocalDate.of(2026, 11, 1))).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    assertThat(at.get(LocalDate.of(2026, 11, 2))).isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
  }

  @Test
  void missedDaysAreCaughtUpInOrderAfterDowntime() {
    UUID tenant = UUID.randomUUID();
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    List<Run> runs = new CopyOnWriteArrayList<>();
    Scheduler s =
        scheduler(
            "catch-up",
            "a",
            only(tenant, ZoneId.of("UTC")),
            List.of(recording("job", runs, clock)),
            LocalTime.of(0, 15),
            clock,
            Duration.ofSeconds(30));
    s.tick();

    clock.set(Instant.parse("2026-05-04T12:00:00Z"));
    s.tick();
    s.tick();

    assertThat(runs.stream().map(Run::day).toList())
        .containsExactly(
            LocalDate.of(2026, 5, 1),
            LocalDate.of(2026, 5, 2),
            LocalDate.of(2026, 5, 3),
            LocalDate.of(2026, 5, 4));
  }

  @Test
  void leaderKilledMidRunIsFinishedByAnotherInstanceWithoutDuplicates() {
    List<UUID> tenantIds = new ArrayList<>();
    TenantStore directory = new TenantStore(tx);
    for (int i = 0; i < 4; i++) {
      UUID t = new UUID(0x5ced, i + 1);
      tenantIds.add(t);
      directory.put(t, i % 2 == 0 ? NEW_YORK : ZoneId.of("Europe/Paris"));
    }
    TenantDirectory tenants =
        () -> directory.tenants().stream().filter(t -> tenantIds.contains(t.tenantId())).toList();
    MutableClock clock = new MutableClock(Instant.parse("2026-06-10T12:00:00Z"));
    Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
    AtomicInteger calls = new AtomicInteger();
    Scheduler[] a = new Scheduler[1];
    ScheduledJob job =
        new ScheduledJob() {
          @Override
          public String name() {
            return "effects";
          }

          @Override
          public void run(UUID tenantId, LocalDate day, ZoneId zone) {
            calls.incrementAndGet();
            if (Thread.currentThread().getName().equals("scheduler-leader-a")
                && tenantId.equals(tenantIds.get(2))) {
              a[0].kill(); // dies in the middle of the third tenant, before recording the run as
              // done
              throw new IllegalStateException("leader killed");
            }
            // Idempotent effect: keyed by (tenant, day), like a delivery row's natural key.
            effects
                .computeIfAbsent(tenantId + "|" + day, k -> new AtomicInteger())
                .incrementAndGet();
          }
        };
    a[0] =
        scheduler(
            "failover",
            "leader-a",
            tenants,
            List.of(job),
            LocalTime.of(0, 15),
            clock,
            Duration.ofSeconds(2));
    a[0].start();
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);

    try (Scheduler b =
        scheduler(
                "failover",
                "leader-b",
                tenants,
                List.of(job),
                LocalTime.of(0, 15),
                clock,
                Duration.ofSeconds(2))
            .start()) {
      await().atMost(Duration.ofSeconds(15)).until(() -> doneRuns(tenantIds, "effects") == 4);
    }

    assertThat(effects).hasSize(4);
    assertThat(effects.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(runAttempts(tenantIds.get(2), "effects")).isEqualTo(2);
  }

  private static int doneRuns(List<UUID> tenants, String job) {
    int n = 0;
    for (UUID t : tenants) {
      n +=
          tx.inTenant(
              t,
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "select count(*) from reminder.job_run where job = ? and status = 'done'")) {
                  ps.setString(1, job);
                  try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                  }
                }
              });
    }
    return n;
  }

  private static int runAttempts(UUID tenant, String job) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select max(attempts) from reminder.job_run where job = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }
}
