package io.meshdesk.ledger;

import io.meshdesk.ledger.audit.AuditService;
import io.meshdesk.ledger.billing.StatementService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductStore;
import io.meshdesk.ledger.grpc.LedgerGrpcService;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.ledger.query.QueryService;
import io.meshdesk.ledger.spending.SpendingService;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.TokenVerifier;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.RoleCheck;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.metrics.Metrics;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.ServerProcess;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.reminder.DirectoryTenants;
import io.meshdesk.reminder.LedgerAdapter;
import io.meshdesk.reminder.ReminderModule;
import io.meshdesk.reminder.UtilizationReminders;
import io.meshdesk.reminder.dispatch.DispatchConfig;
import io.meshdesk.reminder.dispatch.DispatchHooks;
import io.meshdesk.reminder.dispatch.SmtpConfig;
import io.meshdesk.scheduler.SchedulerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The ledger server: cards, double-entry postings, statements, the scheduler and reminders. Wires
 * its parts explicitly; {@link Main} runs it as a process and {@code meshctl dev} in-process.
 */
public final class LedgerServer implements ServerProcess.Running {

  /** Liquibase changelogs this server owns, in order. */
  public static final List<String> CHANGELOGS =
      List.of("db/changelog/ledger/master.yaml", ReminderModule.CHANGELOG);

  private final Shutdown resources = new Shutdown();
  private final GrpcServer grpc;
  private final Database database;
  private final StatementService statements;
  private final ReminderModule reminders;

  private LedgerServer(
      Infrastructure infra, GrpcConfig grpcConfig, Metrics metrics, TokenVerifier verifier) {
    this.database =
        resources.register(
            new Database(infra.database().forServer(DatabaseRole.LEDGER), "ledger-server"));
    Transactions background = new Transactions(database.backgroundDataSource());
    DirectoryTenants tenants = new DirectoryTenants(background);
    verifyDatabase(this.database, tenants);
    Redis redis = resources.register(new Redis(infra.redis()));
    Clock clock = Clock.systemUTC();
    Transactions tx = new Transactions(database.dataSource());
    this.statements = new StatementService(tx, clock);
    // One product store (one Hibernate session factory) per server, closed with it.
    ProductStore products = resources.register(new ProductStore(database.dataSource()));
    CardService cards = new CardService(tx, products, clock);
    PostingEngine postings = new PostingEngine(tx, clock);
    LedgerGrpcService ledger =
        new LedgerGrpcService(
            cards,
            postings,
            new QueryService(tx, clock),
            new AuditService(database.dataSource(), clock),
            new PendingPayments(tx, postings, clock),
            new SpendingService(tx, clock));
    // Scheduler (one leader among instances) and reminder dispatch, reading the ledger through a
    // narrow adapter. They run on the pool's background share, so they never take the
    // connections requests need; reminder rule RPCs, rare admin calls, share it too.
    LedgerAdapter ledgerPort =
        new LedgerAdapter(new StatementService(background, clock), background);
    Env env = Env.system();
    this.reminders =
        resources.register(
            new ReminderModule(
                new ReminderModule.Parts(
                    database.backgroundDataSource(),
                    redis.client(),
                    clock,
                    ReminderModule.newInstanceId(),
                    tenants,
                    ledgerPort,
                    ledgerPort,
                    ledgerPort,
                    SmtpConfig.fromEnv(env),
                    DispatchConfig.fromEnv(env),
                    SchedulerConfig.fromEnv(env),
                    DispatchHooks.NONE)));
    ledger.onPayment(
        (tenant, card, transaction, amount, currency) -> {
          try {
            reminders
                .events()
                .paymentReceived(
                    tenant, card, transaction, "cardholder", Math.abs(amount), currency);
          } catch (RuntimeException e) {
            // The payment is committed; a missed "payment received" notice must not fail it.
            LoggerFactory.getLogger(LedgerServer.class)
                .warn("payment-received reminder not created: {}", e.toString());
          }
        });
    // Postings on cards without a utilisation rule skip the reminder work (rule cards re-read each
    // second).
    ledger.onPosting(
        new UtilizationReminders(reminders.events(), cards, tx, Duration.ofSeconds(1)));
    GrpcServer.Builder builder =
        GrpcServer.builder("ledger-server", grpcConfig)
            .addService(ledger)
            .addService(reminders.service())
            .addInterceptor(new AuthInterceptor(verifier))
            .addHealthCheck(database.healthCheck())
            .addHealthCheck(redis.healthCheck());
    if (metrics != null) {
      builder.metrics(metrics);
    }
    this.grpc = resources.register(builder.build());
  }

  /**
   * Builds and starts the server.
   *
   * @param verifier verifies the bearer tokens of every call
   */
  public static LedgerServer start(
      Infrastructure infra, GrpcConfig grpcConfig, Metrics metrics, TokenVerifier verifier) {
    LedgerServer server = new LedgerServer(infra, grpcConfig, metrics, verifier);
    try {
      server.grpc.start();
      server.reminders.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Statement closing and due-date read models (for the scheduler and reminders). */
  public StatementService statements() {
    return statements;
  }

  /** Reminder rules, dispatch and the scheduler. */
  public ReminderModule reminders() {
    return reminders;
  }

  /** The server's connection pool (in-process tools). */
  public Database database() {
    return database;
  }

  /** Its application services with their interceptor chain (for the grpc-web bridge). */
  public java.util.List<io.grpc.ServerServiceDefinition> services() {
    return grpc.services();
  }

  /** The gRPC port. */
  @Override
  public int port() {
    return grpc.port();
  }

  /** Blocks until the server stops. */
  @Override
  public void awaitTermination() throws InterruptedException {
    grpc.awaitTermination();
  }

  /** Graceful stop, then the pools. */
  @Override
  public void close() {
    resources.close();
  }

  /**
   * Refuses to start (closing what was opened) when the pool's role could alter the schema, or
   * cannot read the tenant directory.
   */
  private void verifyDatabase(Database database, DirectoryTenants tenants) {
    try {
      RoleCheck.verify(database.dataSource());
      tenants.verifyReadable();
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }
}
