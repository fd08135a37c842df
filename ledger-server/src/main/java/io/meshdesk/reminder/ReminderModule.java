package io.meshdesk.reminder;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.dispatch.DispatchConfig;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.DispatchPump;
import io.meshdesk.reminder.dispatch.DispatchQueue;
import io.meshdesk.reminder.dispatch.DispatchStats;
import io.meshdesk.reminder.dispatch.DispatchWorker;
import io.meshdesk.reminder.dispatch.EmailGateway;
import io.meshdesk.reminder.dispatch.Gateway;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.reminder.dispatch.WebhookGateway;
import io.meshdesk.reminder.domain.CardDirectory;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.grpc.ReminderGrpcService;
import io.meshdesk.reminder.persistence.DeadLetterStore;
import io.meshdesk.reminder.persistence.DeliveryStore;
import io.meshdesk.reminder.persistence.RuleStore;
import io.meshdesk.reminder.persistence.TenantStore;
import io.meshdesk.reminder.service.DeliveryLog;
import io.meshdesk.reminder.service.ReminderEvents;
import io.meshdesk.reminder.service.ReminderPlanner;
import io.meshdesk.reminder.service.ReminderRules;
import io.meshdesk.scheduler.CycleCloser;
import io.meshdesk.scheduler.DueStatementSource;
import io.meshdesk.scheduler.JobRuns;
import io.meshdesk.scheduler.LeaderLease;
import io.meshdesk.scheduler.LedgerJobs;
import io.meshdesk.scheduler.Scheduler;
import io.meshdesk.scheduler.SchedulerConfig;
import io.meshdesk.scheduler.TenantDirectory;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.redisson.api.RedissonClient;

/**
 * Wires the scheduler and reminders: stores, domain, gRPC service, dispatch pump and workers. The
 * ledger connects through {@link DueStatementSource}, {@link CycleCloser} and {@link
 * CardDirectory}; it reports payments and utilisation through {@link #events()}.
 */
public final class ReminderModule implements AutoCloseable {

  /** Changelog of the {@code reminder} schema (apply after the ledger's). */
  public static final String CHANGELOG = "db/changelog/reminder/master.yaml";

  /**
   * What the module needs from its host.
   *
   * @param dataSource PostgreSQL pool (application role)
   * @param redis Redisson client
   * @param clock time source
   * @param instanceId unique id of this process (consumer name, lease holder)
   * @param tenants tenant list and zones; null for the reminder context's own list
   * @param cards card holders
   * @param statements due statements of the ledger
   * @param cycles the ledger's daily jobs; null to run reminders only
   * @param smtp e-mail gateway settings
   * @param dispatch dispatch settings
   * @param scheduler scheduler settings
   * @param hooks fault injection (tests); {@link DispatchHooks#NONE} in production
   */
  public record Parts(
      DataSource dataSource,
      RedissonClient redis,
      Clock clock,
      String instanceId,
      TenantDirectory tenants,
      CardDirectory cards,
      DueStatementSource statements,
      CycleCloser cycles,
      SmtpConfig smtp,
      DispatchConfig dispatch,
      SchedulerConfig scheduler,
      DispatchHooks hooks) {}

  private final Parts parts;
  private final TenantDirectory tenants;
  private final DeliveryStore deliveries;
  private final RuleStore rules;
  private final DispatchQueue queue;
  private final DispatchStats stats = new DispatchStats();
  private final DispatchPump pump;
  private final Map<Channel, Gateway> gateways;
  private final ReminderGrpcService service;
  private final ReminderEvents events;
  private final Scheduler scheduler;
  private final List<DispatchWorker> workers = new ArrayList<>();

  public ReminderModule(Parts p) {
    this.parts = p;
    Transactions tx = new Transactions(p.dataSource());
    TenantStore tenantStore = new TenantStore(tx);
    this.tenants = p.tenants() != null ? p.tenants() : tenantStore;
    this.rules = new RuleStore(p.dataSource());
    this.deliveries = new DeliveryStore(tx);
    this.queue = new DispatchQueue(p.redis());
    this.pump = new DispatchPump(deliveries, queue, tenants, p.dispatch(), p.clock(), stats);
    this.gateways =
        Map.of(
            Channel.EMAIL,
            new EmailGateway(p.smtp()),
            Channel.WEBHOOK,
            WebhookGateway.create(p.dispatch(), p.clock()));
    ReminderRules ruleService = new ReminderRules(rules, p.cards(), tenants, p.clock());
    this.service =
        new ReminderGrpcService(
            ruleService,
            new DeliveryLog(new DeadLetterStore(tx), ruleService, p.clock(), pump::wakeUp));
    this.events = new ReminderEvents(tx, rules, deliveries, p.clock(), pump::wakeUp);
    List<io.meshdesk.scheduler.ScheduledJob> jobs = new ArrayList<>();
    if (p.cycles() != null) {
      jobs.add(LedgerJobs.closeCycles(p.cycles()));
      jobs.add(LedgerJobs.lateFees(p.cycles()));
    }
    jobs.add(
        new ReminderPlanner(
            tx, rules, deliveries, p.statements(), LocalTime.of(9, 0), p.clock(), pump::wakeUp));
    String holder = p.instanceId();
    this.scheduler =
        new Scheduler(
            new LeaderLease(tx, "daily", holder, p.scheduler().leaseTtl()),
            new JobRuns(tx, "daily", holder),
            tenants,
            jobs,
            p.scheduler(),
            p.clock());
  }

  /** Starts the scheduler (if enabled), the pump and the workers. */
  public ReminderModule start() {
    try {
      queue.ensureGroup();
    } catch (RuntimeException e) {
      // Redis not reachable yet: workers create the group when it is.
    }
    pump.start();
    for (int i = 0; i < parts.dispatch().workers(); i++) {
      startWorker(parts.instanceId() + "-w" + i);
    }
    if (parts.scheduler().enabled()) {
      scheduler.start();
    }
    return this;
  }

  /** Starts one more dispatch worker (tests and benchmarks replace killed ones). */
  public synchronized DispatchWorker startWorker(String consumer) {
    DispatchWorker w =
        new DispatchWorker(
                consumer,
                queue,
                deliveries,
                gateways,
                parts.dispatch(),
                parts.clock(),
                stats,
                parts.hooks())
            .start();
    workers.add(w);
    return w;
  }

  /** The gRPC service. */
  public ReminderGrpcService service() {
    return service;
  }

  /** Where the ledger reports payments and utilisation. */
  public ReminderEvents events() {
    return events;
  }

  /** Dispatch counters of this instance. */
  public DispatchStats stats() {
    return stats;
  }

  /** The scheduler of this instance. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The dispatch pump (and sweep). */
  public DispatchQueue queue() {
    return queue;
  }

  /** The pump that moves due deliveries onto the queue. */
  public DispatchPump pump() {
    return pump;
  }

  /** The delivery rows. */
  public DeliveryStore deliveries() {
    return deliveries;
  }

  /** The tenant list in use. */
  public TenantDirectory tenants() {
    return tenants;
  }

  /** A random instance id. */
  public static String newInstanceId() {
    return "ledger-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public synchronized void close() {
    scheduler.close();
    workers.forEach(DispatchWorker::close);
    pump.close();
    rules.close();
  }
}
