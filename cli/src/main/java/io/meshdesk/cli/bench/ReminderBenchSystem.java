package io.meshdesk.cli.bench;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.reminder.ReminderModule;
import io.meshdesk.reminder.dispatch.DispatchConfig;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.domain.CardDirectory;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.domain.NewDelivery;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.reminder.persistence.DeadLetterStore;
import io.meshdesk.reminder.persistence.RuleStore;
import io.meshdesk.scheduler.SchedulerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reminder dispatch a benchmark measures: embedded PostgreSQL and Redis and two dispatch
 * instances sharing them, with hooks that kill a worker after it sent a batch or before it
 * acknowledged one. Driven by line requests ({@link #answer}) whether it runs in the bench's JVM or
 * in its own ({@code meshctl bench sut --kind reminders}); the webhook receiver stays with the load
 * generator.
 */
final class ReminderBenchSystem implements AutoCloseable {

  /** Kills the worker that next passes the armed hook, remembering how many deliveries it held. */
  static final class Killer implements DispatchHooks {
    final AtomicInteger afterSend = new AtomicInteger();
    final AtomicInteger beforeAck = new AtomicInteger();
    final List<String> kills = new CopyOnWriteArrayList<>();

    @Override
    public void afterSend(String consumer, List<UUID> ids) {
      if (!ids.isEmpty() && afterSend.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        kills.add(
            "worker killed after sending " + ids.size() + " (in flight: sent, not yet recorded)");
        throw new WorkerKilled();
      }
    }

    @Override
    public void beforeAck(String consumer, List<UUID> ids) {
      if (!ids.isEmpty() && beforeAck.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        kills.add(
            "worker killed before acknowledging "
                + ids.size()
                + " (recorded as delivered, not acked)");
        throw new WorkerKilled();
      }
    }
  }

  private final Shutdown shutdown = new Shutdown();
  private final Killer killer = new Killer();
  private final EmbeddedPostgresServer pg;
  private final EmbeddedRedisServer redisServer;
  private final List<ReminderModule> instances = new ArrayList<>();
  private final Transactions tx;
  private final javax.sql.DataSource dataSource;
  private final List<UUID> tenantIds = new ArrayList<>();
  private final List<ReminderRule> tenantRules = new ArrayList<>();
  private final List<String> faults = new CopyOnWriteArrayList<>();

  ReminderBenchSystem(int workers, boolean durable) {
    pg = shutdown.register(EmbeddedPostgresServer.start(0, Optional.empty(), durable));
    redisServer = shutdown.register(EmbeddedRedisServer.start(0));
    DatabaseConfig db = pg.provisioner().database("reminderbench", 24);
    Migrations.apply(db, List.of(ReminderModule.CHANGELOG));
    RedisConfig rc = RedisConfig.single("127.0.0.1", redisServer.port(), "bench:");
    // Visibility 10 s: a killed worker's messages are claimed after that. Requeue-after 120 s is
    // only
    // the safety net; a Redis restart is repaired at once through the epoch check. The bench's
    // webhook receiver listens on loopback, so private destinations are allowed here (logged at
    // WARN).
    DispatchConfig dispatch =
        new DispatchConfig(
            workers,
            250,
            Duration.ofSeconds(10),
            Duration.ofSeconds(120),
            10,
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            Duration.ofMillis(50),
            Duration.ofSeconds(3),
            true);
    SchedulerConfig sched =
        new SchedulerConfig(
            false, Duration.ofSeconds(1), Duration.ofSeconds(5), LocalTime.MIDNIGHT, 1);
    Database first = null;
    for (String name : List.of("a", "b")) {
      Database database =
          shutdown.register(
              new Database(
                  db.forServer(io.meshdesk.platform.config.DatabaseRole.LEDGER), "bench-" + name));
      Redis redis = shutdown.register(new Redis(rc));
      first = first == null ? database : first;
      instances.add(
          shutdown.register(
              new ReminderModule(
                  new ReminderModule.Parts(
                      database.dataSource(),
                      redis.client(),
                      Clock.systemUTC(),
                      "bench-" + name,
                      null,
                      CardDirectory.anyCard(),
                      (t, d) -> List.of(),
                      null,
                      SmtpConfig.loopback(1),
                      dispatch,
                      sched,
                      killer))));
    }
    tx = new Transactions(first.dataSource());
    dataSource = first.dataSource();
  }

  int postgresPort() {
    return pg.port();
  }

  /** Answers one request line; see {@link SutCommand}. */
  String answer(String[] w) {
    return switch (w[0]) {
      case "reminders-setup" -> setup(w[1], Integer.parseInt(w[2]));
      case "reminders-schedule" -> {
        int count = Integer.parseInt(w[1]);
        int rate = Integer.parseInt(w[2]);
        Thread.ofPlatform().name("bench-schedule").start(() -> schedule(count, rate));
        yield "scheduling";
      }
      case "reminders-fault" -> fault(w[1]);
      case "reminders-states" -> states().toString();
      case "reminders-faults" -> String.join("; ", allFaults());
      default -> throw new IllegalArgumentException("unknown request: " + w[0]);
    };
  }

  private String setup(String webhookUrl, int tenants) {
    RuleStore rules = shutdown.register(new RuleStore(dataSource));
    for (int i = 0; i < tenants; i++) {
      UUID t = UUID.randomUUID();
      ReminderRule r =
          new ReminderRule(
              UUID.randomUUID(),
              UUID.randomUUID(),
              ReminderKind.DAYS_BEFORE_DUE,
              List.of(1),
              0,
              Channel.WEBHOOK,
              webhookUrl,
              Optional.empty(),
              ZoneId.of("UTC"),
              "bench-secret",
              Instant.now(),
              null);
      rules.insert(t, r);
      tenantIds.add(t);
      tenantRules.add(r);
    }
    instances.forEach(ReminderModule::start);
    return tenants + " tenants";
  }

  /** Arms or performs a fault; returns what was in flight when it was performed (or armed). */
  private String fault(String kind) {
    long pending = instances.getFirst().queue().pending();
    switch (kind) {
      case "kill-after-send" -> killer.afterSend.set(1);
      case "kill-before-ack" -> killer.beforeAck.set(1);
      case "redis-restart" -> {
        redisServer.stop();
        redisServer.startAgain();
        faults.add("Redis restarted empty with " + pending + " messages read but not acknowledged");
        return "pending=" + pending;
      }
      default -> throw new IllegalArgumentException("unknown fault: " + kind);
    }
    return "armed";
  }

  private List<String> allFaults() {
    List<String> all = new ArrayList<>(faults);
    all.addAll(killer.kills);
    return all;
  }

  /** Delivery rows by status across the tenants. */
  Map<DeliveryStatus, Long> states() {
    DeadLetterStore log = new DeadLetterStore(tx);
    Map<DeliveryStatus, Long> states = new EnumMap<>(DeliveryStatus.class);
    for (UUID t : tenantIds) {
      log.countByStatus(t).forEach((k, v) -> states.merge(k, v, Long::sum));
    }
    return states;
  }

  /** Inserts the reminders (all at once, or paced at {@code rate}), due when inserted. */
  private void schedule(int count, int rate) {
    ReminderModule m = instances.getFirst();
    int chunk = rate == 0 ? 2000 : Math.max(1, rate / 20);
    long startNanos = System.nanoTime();
    int scheduled = 0;
    int i = 0;
    while (scheduled < count) {
      int n = Math.min(chunk, count - scheduled);
      int t = i++ % tenantIds.size();
      List<NewDelivery> out = new ArrayList<>(n);
      Instant now = Instant.now();
      for (int k = 0; k < n; k++) {
        out.add(
            NewDelivery.of(
                tenantRules.get(t),
                "stmt-" + (scheduled + k),
                1,
                new Delivery.Content("Bench Holder", 4_200, "USD", LocalDate.now().plusDays(1)),
                now));
      }
      m.deliveries().schedule(tenantIds.get(t), out);
      m.pump().wakeUp();
      scheduled += n;
      if (rate > 0) {
        long wait = startNanos + (long) (scheduled * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
    }
  }

  @Override
  public void close() {
    shutdown.close();
  }
}
