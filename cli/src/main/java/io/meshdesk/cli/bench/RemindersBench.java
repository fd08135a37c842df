package io.meshdesk.cli.bench;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.redis.Redis;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench reminders}: schedules N webhook reminders across tenants and two dispatch
 * instances sharing embedded PostgreSQL and Redis, delivers them to a fast loopback receiver, and
 * reports scheduled vs delivered, duplicates, dispatch throughput and the lag from due time to
 * delivery; with {@code --faults}, kills dispatch workers and restarts Redis empty mid-run.
 */
@Command(name = "reminders", description = "Reminder dispatch: delivered vs scheduled, duplicates, throughput, lag.")
public final class RemindersBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(names = "--count", defaultValue = "10000", description = "Reminders to schedule (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--faults", description = "Kill dispatch workers and restart Redis empty during the run.")
  boolean faults;

  @Option(names = "--rate", defaultValue = "0",
      description = "Reminders falling due per second; 0 = all due at once (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--workers", defaultValue = "3", description = "Dispatch workers per instance, two instances (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--tenants", defaultValue = "4", description = "Tenants to spread reminders over (default: ${DEFAULT-VALUE}).")
  int tenants;

  @Option(names = "--timeout", defaultValue = "15m", converter = BenchOptions.DurationConverter.class,
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** Kills the worker that next passes the armed hook. */
  static final class Killer implements DispatchHooks {
    final AtomicInteger afterSend = new AtomicInteger();
    final AtomicInteger beforeAck = new AtomicInteger();
    final AtomicInteger killed = new AtomicInteger();

    @Override
    public void afterSend(String consumer, List<UUID> ids) {
      if (!ids.isEmpty() && afterSend.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        killed.incrementAndGet();
        throw new WorkerKilled();
      }
    }

    @Override
    public void beforeAck(String consumer, List<UUID> ids) {
      if (!ids.isEmpty() && beforeAck.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        killed.incrementAndGet();
        throw new WorkerKilled();
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    if (count < 1 || tenants < 1 || workers < 1) {
      throw new IllegalArgumentException("--count, --tenants and --workers must be positive");
    }
    LatencyStats lag = new LatencyStats();
    Killer killer = new Killer();
    List<AutoCloseable> closing = new ArrayList<>();
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(0, Optional.empty());
        EmbeddedRedisServer redisServer = EmbeddedRedisServer.start(0);
        BenchWebhookReceiver receiver = new BenchWebhookReceiver(lag)) {
      DatabaseConfig db = pg.provisioner().database("reminderbench", 24);
      Migrations.apply(db, List.of(ReminderModule.CHANGELOG));
      RedisConfig rc = RedisConfig.single("127.0.0.1", redisServer.port(), "bench:");
      // Visibility 10 s: a killed worker's messages are claimed after that. Requeue-after 120 s is only
      // the safety net; a Redis restart is repaired at once through the epoch check.
      DispatchConfig dispatch = new DispatchConfig(workers, 250, Duration.ofSeconds(10), Duration.ofSeconds(120), 10,
          Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofSeconds(3));
      SchedulerConfig sched = new SchedulerConfig(false, Duration.ofSeconds(1), Duration.ofSeconds(5), LocalTime.MIDNIGHT, 1);
      List<ReminderModule> instances = new ArrayList<>();
      Database first = null;
      for (String name : List.of("a", "b")) {
        Database database = new Database(db, "bench-" + name);
        Redis redis = new Redis(rc);
        closing.add(database);
        closing.add(redis);
        first = first == null ? database : first;
        ReminderModule m = new ReminderModule(new ReminderModule.Parts(database.dataSource(), redis.client(),
            Clock.systemUTC(), "bench-" + name, null, CardDirectory.anyCard(), (t, d) -> List.of(), null,
            SmtpConfig.loopback(1), dispatch, sched, killer));
        instances.add(m);
        closing.add(0, m);
      }
      Transactions tx = new Transactions(first.dataSource());
      RuleStore rules = new RuleStore(tx);
      List<UUID> tenantIds = new ArrayList<>();
      List<ReminderRule> tenantRules = new ArrayList<>();
      for (int i = 0; i < tenants; i++) {
        UUID t = UUID.randomUUID();
        ReminderRule r = new ReminderRule(UUID.randomUUID(), UUID.randomUUID(), ReminderKind.DAYS_BEFORE_DUE, List.of(1), 0,
            Channel.WEBHOOK, receiver.url(), Optional.empty(), ZoneId.of("UTC"), "bench-secret", Instant.now(), null);
        rules.insert(t, r);
        tenantIds.add(t);
        tenantRules.add(r);
      }
      instances.forEach(ReminderModule::start);

      System.err.printf("reminders: scheduling %d across %d tenants, 2 instances x %d workers, faults=%s%n", count,
          tenants, workers, faults);
      long start = System.nanoTime();
      Thread producer = Thread.ofPlatform().name("bench-schedule").start(() ->
          schedule(instances.getFirst(), tenantIds, tenantRules));
      List<String> faultLog = new ArrayList<>();
      long deadline = start + timeout.toNanos();
      try (Progress p = new Progress("reminders", lag, count, receiver::distinct, System.err)) {
        boolean killedA = false;
        boolean restarted = false;
        boolean killedB = false;
        while (receiver.distinct() < count && System.nanoTime() < deadline) {
          int done = receiver.distinct();
          if (faults && !killedA && done >= count / 4) {
            killer.afterSend.set(1);
            killedA = true;
            faultLog.add("kill-after-send@" + done);
          }
          if (faults && !restarted && done >= count / 2) {
            redisServer.stop();
            redisServer.startAgain();
            restarted = true;
            faultLog.add("redis-restart-empty@" + done);
          }
          if (faults && !killedB && done >= count * 3 / 4) {
            killer.beforeAck.set(1);
            killedB = true;
            faultLog.add("kill-before-ack@" + done);
          }
          Thread.sleep(20);
        }
      }
      producer.join();
      double seconds = (receiver.lastFirstReceiptNanos() - start) / 1e9;
      // The receiver may have everything while some rows still wait for their outcome (a send
      // that timed out after the receiver got it is retried): wait until nothing is open.
      DeadLetterStore log = new DeadLetterStore(tx);
      Map<DeliveryStatus, Long> states = states(log, tenantIds);
      while (states.getOrDefault(DeliveryStatus.DELIVERED, 0L) + states.getOrDefault(DeliveryStatus.DEAD_LETTERED, 0L)
          < count && System.nanoTime() < deadline) {
        Thread.sleep(100);
        states = states(log, tenantIds);
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("scheduled", count);
      extra.put("delivered", receiver.distinct());
      extra.put("delivered_pct", String.format(java.util.Locale.ROOT, "%.3f", 100.0 * receiver.distinct() / count));
      extra.put("duplicates", receiver.duplicates());
      extra.put("db_states", states.toString());
      extra.put("dispatch_per_second", String.format(java.util.Locale.ROOT, "%.0f", receiver.distinct() / seconds));
      extra.put("faults", faults ? String.join(",", faultLog) + ",workers_killed=" + killer.killed.get() : "none");
      extra.put("rate", rate == 0 ? "all due at once" : rate + "/s");
      extra.put("latency_is", "lag from due time to first receipt");
      bench.print(List.of(BenchResult.of("reminders.dispatch", lag, seconds, extra)), System.out);
      return receiver.distinct() == count && states.getOrDefault(DeliveryStatus.DELIVERED, 0L) == count ? 0 : 1;
    } finally {
      for (AutoCloseable c : closing) {
        try {
          c.close();
        } catch (Exception ignored) {
          // best effort at the end of a benchmark
        }
      }
    }
  }

  private static Map<DeliveryStatus, Long> states(DeadLetterStore log, List<UUID> tenantIds) {
    Map<DeliveryStatus, Long> states = new java.util.EnumMap<>(DeliveryStatus.class);
    for (UUID t : tenantIds) {
      log.countByStatus(t).forEach((k, v) -> states.merge(k, v, Long::sum));
    }
    return states;
  }

  /** Inserts the reminders (all at once, or paced at --rate), due when inserted. */
  private void schedule(ReminderModule m, List<UUID> tenantIds, List<ReminderRule> rules) {
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
        out.add(NewDelivery.of(rules.get(t), "stmt-" + (scheduled + k), 1,
            new Delivery.Content("Bench Holder", 4_200, "USD", LocalDate.now().plusDays(1)), now));
      }
      m.deliveries().schedule(tenantIds.get(t), out);
      m.pump().wakeUp();
      scheduled += n;
      if (rate > 0) {
        long dueAt = startNanos + (long) (scheduled * 1e9 / rate);
        long wait = dueAt - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
    }
  }
}
