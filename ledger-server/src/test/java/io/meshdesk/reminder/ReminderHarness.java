package io.meshdesk.reminder;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.reminder.dispatch.DispatchConfig;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.domain.NewDelivery;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.reminder.persistence.DeadLetterStore;
import io.meshdesk.reminder.persistence.RuleStore;
import io.meshdesk.scheduler.SchedulerConfig;
import io.meshdesk.testing.TestEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Test fixture: a migrated database, a Redis key space and a started {@link ReminderModule} with
 * fast timings, plus helpers to create rules and deliveries.
 */
public final class ReminderHarness implements AutoCloseable {

  public final DatabaseConfig dbConfig;
  public final Database database;
  public final Redis redis;
  public final Transactions tx;
  public final RuleStore rules;
  public final DeadLetterStore log;
  public final TestLedgerFixture ledger = new TestLedgerFixture();
  public final ReminderModule module;

  /**
   * A harness whose webhooks may reach the loopback test receivers (the explicit test-only
   * allowance).
   */
  public ReminderHarness(
      String hint,
      int workers,
      int maxAttempts,
      SmtpConfig smtp,
      DispatchHooks hooks,
      Clock clock) {
    this(
        hint,
        DispatchConfig.fast(workers, maxAttempts).allowingPrivateWebhooks(),
        smtp,
        hooks,
        clock);
  }

  /**
   * A harness with the given dispatch settings (the production webhook address policy unless they
   * allow private).
   */
  public ReminderHarness(
      String hint, DispatchConfig dispatch, SmtpConfig smtp, DispatchHooks hooks, Clock clock) {
    TestEnvironment env = TestEnvironment.get();
    this.dbConfig = env.newDatabase(hint);
    Migrations.apply(dbConfig, List.of(ReminderModule.CHANGELOG));
    RedisConfig redisConfig = env.newRedis(hint);
    this.database = new Database(dbConfig, hint);
    this.redis = new Redis(redisConfig);
    this.tx = new Transactions(database.dataSource());
    this.rules = new RuleStore(database.dataSource());
    this.log = new DeadLetterStore(tx);
    SchedulerConfig sched =
        new SchedulerConfig(
            false, Duration.ofMillis(200), Duration.ofSeconds(2), LocalTime.of(0, 15), 31);
    this.module =
        new ReminderModule(
                new ReminderModule.Parts(
                    database.dataSource(),
                    redis.client(),
                    clock,
                    ReminderModule.newInstanceId(),
                    null,
                    ledger,
                    ledger,
                    ledger,
                    smtp,
                    dispatch,
                    sched,
                    hooks))
            .start();
  }

  /** Creates a rule of a new card of {@code tenant}. */
  public ReminderRule rule(UUID tenant, Channel channel, String destination, String secret) {
    UUID card = ledger.addCard(tenant, UUID.randomUUID());
    ReminderRule r =
        new ReminderRule(
            UUID.randomUUID(),
            card,
            ReminderKind.DAYS_BEFORE_DUE,
            List.of(7, 3, 1),
            0,
            channel,
            destination,
            Optional.empty(),
            ZoneId.of("UTC"),
            secret,
            Instant.now(),
            null);
    rules.insert(tenant, r);
    return r;
  }

  /** Schedules {@code n} reminders of {@code rule}, due now. */
  public void schedule(UUID tenant, ReminderRule rule, int n) {
    List<NewDelivery> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          NewDelivery.of(
              rule,
              "stmt-" + UUID.randomUUID(),
              3,
              new Delivery.Content("Ada Lovelace", 2_500, "USD", LocalDate.of(2026, 12, 15)),
              Instant.now()));
    }
    module.deliveries().schedule(tenant, out);
    module.pump().wakeUp();
  }

  /** Deliveries of a tenant by state. */
  public Map<DeliveryStatus, Long> counts(UUID tenant) {
    return log.countByStatus(tenant);
  }

  /** Deliveries of a rule's card. */
  public List<Delivery> deliveries(UUID tenant, ReminderRule rule) {
    return log.deliveries(tenant, rule.cardId(), null, null, null, null, 0, 10_000);
  }

  @Override
  public void close() {
    module.close();
    rules.close();
    redis.close();
    database.close();
  }
}
