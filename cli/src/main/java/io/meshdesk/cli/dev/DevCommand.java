package io.meshdesk.cli.dev;

import io.meshdesk.ai.AiWorker;
import io.meshdesk.ai.AiWorkerConfig;
import io.meshdesk.ai.worker.IdentityTokenProvider;
import io.meshdesk.ai.worker.TokenProvider;
import io.meshdesk.cli.demo.DemoActivity;
import io.meshdesk.cli.demo.DemoKnowledge;
import io.meshdesk.cli.demo.DemoLedgerSeed;
import io.meshdesk.cli.demo.DemoSeed;
import io.meshdesk.cli.migrate.MigrateCommand;
import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.auth.Verifiers;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.RedisConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.embedded.EmbeddedPostgresServer;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.metrics.Metrics;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.platform.web.GrpcWebBridge;
import io.meshdesk.platform.web.GrpcWebConfig;
import io.meshdesk.ticket.TicketServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshctl dev}: the whole system in one JVM on embedded PostgreSQL and Redis, on fixed
 * documented ports, until Ctrl-C.
 */
@Command(
    name = "dev",
    description = {
      "Run every Meshdesk service in this JVM on embedded PostgreSQL and Redis.",
      "Ports: PostgreSQL 15432, Redis 16379, ticket-server 7001, ledger-server 7002, ai-worker 7003,",
      "Prometheus metrics 9100, grpc-web bridge + browser console 8080. --tls serves them all over",
      "TLS from a throwaway CA. Stop with Ctrl-C."
    })
public final class DevCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      description = "Keep PostgreSQL data here between runs (default: throwaway).")
  Path dataDir;

  @Option(
      names = "--postgres-port",
      defaultValue = "15432",
      description = "Embedded PostgreSQL port (default: ${DEFAULT-VALUE}).")
  int postgresPort;

  @Option(
      names = "--redis-port",
      defaultValue = "16379",
      description = "Embedded Redis port (default: ${DEFAULT-VALUE}).")
  int redisPort;

  @Option(
      names = "--ticket-port",
      defaultValue = "7001",
      description = "ticket-server gRPC port (default: ${DEFAULT-VALUE}).")
  int ticketPort;

  @Option(
      names = "--ledger-port",
      defaultValue = "7002",
      description = "ledger-server gRPC port (default: ${DEFAULT-VALUE}).")
  int ledgerPort;

  @Option(
      names = "--worker-port",
      defaultValue = "7003",
      description = "ai-worker gRPC port (default: ${DEFAULT-VALUE}).")
  int workerPort;

  @Option(
      names = "--metrics-port",
      defaultValue = "9100",
      description = "Prometheus metrics port, -1 to disable (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--web-port",
      defaultValue = "8080",
      description =
          "grpc-web bridge and browser console port, -1 to disable (default: ${DEFAULT-VALUE}).")
  int webPort;

  @Option(
      names = "--console-dir",
      description = "Built console to serve (default: console/dist if present).")
  Path consoleDir;

  @Option(
      names = "--demo-activity-seconds",
      defaultValue = "20",
      description =
          "Open a demo customer ticket every N seconds, 0 to disable (default: ${DEFAULT-VALUE}).")
  int demoActivitySeconds;

  @Option(
      names = "--tls",
      description = {
        "Serve every server and the grpc-web bridge over TLS, with certificates from a throwaway CA",
        "made at start (under --data-dir's tls/, else a temporary directory); prints the CA path",
        "and the meshctl flags that trust it."
      })
  boolean tls;

  @Option(
      names = "--exit-when-ready",
      description = "Start everything, print the summary, then stop (smoke test).",
      hidden = true)
  boolean exitWhenReady;

  /** Serves the console's built files from {@code dir} (as {@code --console-dir} does). */
  public void serveConsoleFrom(Path dir) {
    consoleDir = dir;
  }

  /** Picks free ports for everything and disables metrics (benchmarks and tests). */
  public void useFreePorts() {
    postgresPort = 0;
    redisPort = 0;
    ticketPort = 0;
    ledgerPort = 0;
    workerPort = 0;
    metricsPort = -1;
    webPort = webPort < 0 ? -1 : 0;
    demoActivitySeconds = 0;
  }

  /**
   * What a running dev system exposes; returned for tests.
   *
   * @param caFile with {@code --tls}, the throwaway CA that clients verify the servers against
   */
  public record Running(
      int ticketPort,
      int ledgerPort,
      int workerPort,
      int postgresPort,
      int redisPort,
      int webPort,
      Optional<Path> caFile) {}

  @Override
  public Integer call() throws Exception {
    Shutdown shutdown = new Shutdown();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .unstarted(
                    () -> {
                      System.err.println("meshctl dev: stopping...");
                      shutdown.close();
                      stopped.countDown();
                    }));
    Running running = start(shutdown, System.out);
    DevContext.save(running, dataDir == null, System.out);
    if (exitWhenReady) {
      shutdown.close();
      return running == null ? 1 : 0;
    }
    stopped.await();
    return 0;
  }

  /**
   * Starts everything, registering each part with {@code shutdown}, one named step after another;
   * prints a summary.
   */
  public Running start(Shutdown shutdown, PrintStream out) throws Exception {
    Optional<Path> pgData = Optional.ofNullable(dataDir).map(d -> d.resolve("postgres"));
    out.println("meshctl dev: starting embedded PostgreSQL and Redis...");
    EmbeddedPostgresServer postgres = startPostgres(shutdown, pgData);
    EmbeddedRedisServer redis = shutdown.register(EmbeddedRedisServer.start(redisPort));
    Infrastructure infra = migrateAndConnect(postgres, redis);
    Metrics metrics = startMetrics(shutdown);
    Optional<DevTls> devTls =
        tls ? Optional.of(DevTls.create(Optional.ofNullable(dataDir), shutdown)) : Optional.empty();
    GrpcConfig base =
        devTls.map(t -> GrpcConfig.loopback().withTls(t.config())).orElse(GrpcConfig.loopback());
    TicketServer ticket = startTicketServer(shutdown, infra, base, metrics);
    DemoSeed.Seeded seeded = DemoSeed.seed(ticket.identity(), out);
    TokenChecks auth = startTokenChecks(shutdown, infra, base, ticket);
    LedgerServer ledger =
        shutdown.register(
            LedgerServer.start(infra, base.withPort(ledgerPort, -1), metrics, auth.verifier()));
    seedDemoCards(auth.db(), seeded);
    AiWorker worker = startAiWorker(shutdown, infra, base, metrics, auth, ticket, ledger, seeded);
    startDemoActivity(shutdown, base, ticket, worker, seeded);
    GrpcWebBridge web =
        webPort < 0 ? null : shutdown.register(startWeb(base, ticket, ledger, worker));
    Running running =
        new Running(
            ticket.port(),
            ledger.port(),
            worker.port(),
            postgres.port(),
            redis.port(),
            web == null ? -1 : web.port(),
            devTls.map(DevTls::caFile));
    DevSummary.print(
        out,
        running,
        pgData,
        metricsPort < 0 ? Optional.empty() : Optional.of(metrics.port()),
        devTls);
    return running;
  }

  /** Embedded PostgreSQL, keeping its data under {@code --data-dir} when given. */
  private EmbeddedPostgresServer startPostgres(Shutdown shutdown, Optional<Path> pgData)
      throws Exception {
    if (pgData.isPresent()) {
      Files.createDirectories(pgData.get());
    }
    return shutdown.register(EmbeddedPostgresServer.start(postgresPort, pgData));
  }

  /** Creates and migrates the {@code meshdesk} database; the servers' shared infrastructure. */
  private static Infrastructure migrateAndConnect(
      EmbeddedPostgresServer postgres, EmbeddedRedisServer redis) {
    DatabaseConfig db = postgres.provisioner().database("meshdesk", 24);
    MigrateCommand.applyAll(db);
    return new Infrastructure(db, RedisConfig.single("127.0.0.1", redis.port(), "meshdesk:"));
  }

  private Metrics startMetrics(Shutdown shutdown) {
    Metrics metrics = shutdown.register(new Metrics());
    if (metricsPort >= 0) {
      metrics.serve("127.0.0.1", metricsPort);
    }
    return metrics;
  }

  private TicketServer startTicketServer(
      Shutdown shutdown, Infrastructure infra, GrpcConfig base, Metrics metrics) throws Exception {
    // Development only: without MESHDESK_KEY_ENCRYPTION_KEY the signing keys are sealed with a key
    // in the database.
    return shutdown.register(
        TicketServer.start(
            infra,
            base.withPort(ticketPort, -1),
            metrics,
            IdentityConfig.fromEnv(Env.system()).withLocalKeyEncryption()));
  }

  /** The other servers' token check, and the database pool it (and the demo cards) use. */
  private record TokenChecks(Database db, Verifiers.RemoteIdentityVerifier verifier) {}

  /**
   * The other servers verify tokens like production does: keys from the identity service, tenant
   * status from the shared database with Redis invalidation. Its pool logs in as ledger-server's
   * role, which also seeds the demo cards.
   */
  private static TokenChecks startTokenChecks(
      Shutdown shutdown, Infrastructure infra, GrpcConfig base, TicketServer ticket) {
    Database authDb =
        shutdown.register(
            new Database(infra.database().forServer(DatabaseRole.LEDGER), "dev-auth"));
    Redis authRedis = shutdown.register(new Redis(infra.redis()));
    return new TokenChecks(
        authDb,
        shutdown.register(
            Verifiers.forRemoteIdentity(identityTarget(ticket), base.tls(), authRedis, authDb)));
  }

  private static void seedDemoCards(Database authDb, DemoSeed.Seeded seeded) {
    if (seeded != null) {
      new DemoLedgerSeed(authDb.dataSource(), Clock.systemUTC())
          .seed(seeded.tenantId(), seeded.customerId());
    }
  }

  private AiWorker startAiWorker(
      Shutdown shutdown,
      Infrastructure infra,
      GrpcConfig base,
      Metrics metrics,
      TokenChecks auth,
      TicketServer ticket,
      LedgerServer ledger,
      DemoSeed.Seeded seeded)
      throws Exception {
    String[] workerCredentials =
        seeded != null
            ? new String[] {seeded.aiClientId(), seeded.aiClientSecret()}
            : DemoSeed.workerCredentials(ticket.identity());
    TokenProvider workerTokens =
        shutdown.register(
            new IdentityTokenProvider(
                identityTarget(ticket),
                base.tls(),
                workerCredentials[0],
                workerCredentials[1],
                Clock.systemUTC()));
    return shutdown.register(
        AiWorker.start(
            infra,
            base.withPort(workerPort, -1),
            metrics,
            auth.verifier(),
            workerTokens,
            AiWorkerConfig.offline(identityTarget(ticket), "127.0.0.1:" + ledger.port())));
  }

  /** Seeds the demo knowledge base, then opens demo tickets now and then (demo data only). */
  private void startDemoActivity(
      Shutdown shutdown,
      GrpcConfig base,
      TicketServer ticket,
      AiWorker worker,
      DemoSeed.Seeded seeded) {
    if (seeded == null) {
      return;
    }
    DemoKnowledge.seed(worker.knowledge(), seeded.tenantId());
    String password = seeded.logins().get(1)[2];
    shutdown.register(
        DemoActivity.start(
            identityTarget(ticket),
            base.tls(),
            new DemoActivity.Logins(
                "demo",
                password,
                "admin@demo.meshdesk.dev",
                "agent@demo.meshdesk.dev",
                "customer@demo.meshdesk.dev"),
            Duration.ofSeconds(Math.max(0, demoActivitySeconds)),
            Clock.systemUTC()));
  }

  private static String identityTarget(TicketServer ticket) {
    return "127.0.0.1:" + ticket.port();
  }

  /**
   * Envoy's stand-in: grpc-web for every service, answered by the same service instances and
   * interceptors, plus the console.
   */
  private GrpcWebBridge startWeb(
      GrpcConfig base, TicketServer ticket, LedgerServer ledger, AiWorker worker) {
    Path dir = consoleDir != null ? consoleDir : Path.of("console", "dist");
    Optional<Path> console =
        Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath()) : Optional.empty();
    List<io.grpc.ServerServiceDefinition> services = new ArrayList<>();
    services.addAll(ticket.services());
    services.addAll(ledger.services());
    services.addAll(worker.services());
    return GrpcWebBridge.start(
        GrpcWebConfig.loopback(webPort, console).withTls(base.tls()), services);
  }
}
