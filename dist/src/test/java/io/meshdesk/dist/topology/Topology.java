package io.meshdesk.dist.topology;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.grpc.ManagedChannel;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.dist.Distribution;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.web.GrpcWebBridge;
import io.meshdesk.platform.web.GrpcWebConfig;
import io.meshdesk.testing.RedisProcesses;
import io.meshdesk.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The deployed system on one machine, every part its own OS process started from the unpacked
 * distribution: PostgreSQL, Redis with a primary, a replica and three Sentinels, {@code bin/meshctl
 * migrate} as the schema owner, two ticket-servers, one ledger-server (mailing reminders to a
 * GreenMail SMTP server) and one ai-worker, each server logging in as its own database role ({@code
 * meshdesk_ticket}, {@code meshdesk_ledger}, {@code meshdesk_ai}). In front of each ticket-server a
 * grpc-web bridge (Envoy's stand-in) relays browsers' calls. With TLS every hop is verified against
 * one throwaway CA.
 */
final class Topology implements AutoCloseable {

  private final List<AutoCloseable> closing = new ArrayList<>();
  final Path logs;
  final TopologyTls tls;
  final RedisProcesses.Sentinel redis;
  final GreenMail smtp;
  final ServerProcess ticketA;
  final ServerProcess ticketB;
  final ServerProcess ledger;
  final GrpcWebBridge bridgeA;
  final GrpcWebBridge bridgeB;
  final Seed seed;

  Topology(boolean tlsOn) throws Exception {
    try {
      logs = Files.createDirectories(Path.of("target", "topology-logs"));
      tls = TopologyTls.create(Files.createTempDirectory("topology-tls"), tlsOn);
      redis = register(RedisProcesses.sentinel());
      smtp =
          new GreenMail(
              new ServerSetup(Distribution.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      closing.add(smtp::stop);

      DatabaseConfig db = TestEnvironment.get().newDatabase("topology");
      migrate(db);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String bootstrap = UUID.randomUUID().toString();
      Map<String, String> common =
          Map.of(
              "MESHDESK_DATABASE_URL",
              db.jdbcUrl(),
              "MESHDESK_DATABASE_POOL_SIZE",
              "6",
              "MESHDESK_REDIS_URL",
              redis.sentinelUrls(),
              "MESHDESK_REDIS_MODE",
              "sentinel",
              "MESHDESK_REDIS_SENTINEL_MASTER",
              RedisProcesses.Sentinel.MASTER,
              "MESHDESK_REDIS_KEY_PREFIX",
              "topology:",
              "MESHDESK_KEY_ENCRYPTION_KEY",
              Base64.getEncoder().encodeToString(key));
      int a = Distribution.freePort();
      int b = Distribution.freePort();
      int l = Distribution.freePort();
      int w = Distribution.freePort();
      Map<String, String> ticketEnv =
          with(
              login(common, db, DatabaseRole.TICKET),
              "MESHDESK_BOOTSTRAP_TOKEN",
              bootstrap,
              "MESHDESK_TICKET_METRICS_PORT",
              "-1",
              "MESHDESK_TICKET_AI_REQUEUE_AFTER",
              "10s");
      ticketA =
          server("ticket-a", "ticket-server", with(ticketEnv, "MESHDESK_TICKET_PORT", "" + a), a);
      ticketB =
          server("ticket-b", "ticket-server", with(ticketEnv, "MESHDESK_TICKET_PORT", "" + b), b);
      ManagedChannel identity = tls.channel(ticketB.target());
      try {
        seed = Seed.install(identity, bootstrap);
      } finally {
        identity.shutdownNow();
      }
      // ledger-server and the AI worker verify tokens with ticket-b's keys (ticket-a is killed
      // first).
      ledger =
          server(
              "ledger",
              "ledger-server",
              with(
                  login(common, db, DatabaseRole.LEDGER),
                  "MESHDESK_LEDGER_PORT",
                  "" + l,
                  "MESHDESK_LEDGER_METRICS_PORT",
                  "-1",
                  "MESHDESK_IDENTITY_TARGET",
                  ticketB.target(),
                  "MESHDESK_SMTP_HOST",
                  "127.0.0.1",
                  "MESHDESK_SMTP_PORT",
                  "" + smtp.getSmtp().getPort(),
                  "MESHDESK_REMINDER_VISIBILITY",
                  "5s",
                  "MESHDESK_REMINDER_SEND_TIMEOUT",
                  "3s",
                  "MESHDESK_REMINDER_REQUEUE_AFTER",
                  "10s"),
              l);
      server(
          "ai-worker",
          "ai-worker",
          with(
              login(common, db, DatabaseRole.AI),
              "MESHDESK_AI_PORT",
              "" + w,
              "MESHDESK_AI_METRICS_PORT",
              "-1",
              "MESHDESK_IDENTITY_TARGET",
              ticketB.target(),
              "MESHDESK_TICKET_TARGET",
              ticketB.target(),
              "MESHDESK_LEDGER_TARGET",
              ledger.target(),
              "MESHDESK_AI_CLIENT_ID",
              seed.aiClientId(),
              "MESHDESK_AI_CLIENT_SECRET",
              seed.aiClientSecret()),
          w);
      bridgeA = register(bridge(ticketA));
      bridgeB = register(bridge(ticketB));
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private void migrate(DatabaseConfig db) throws Exception {
    Map<String, String> env = new HashMap<>(tls.meshctlEnv());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MESHDESK_DATABASE_URL", db.jdbcUrl());
    env.put("MESHDESK_DATABASE_OWNER_USER", db.ownerUser().orElseThrow());
    env.put("MESHDESK_DATABASE_OWNER_PASSWORD", db.ownerPassword());
    Path log = logs.resolve("migrate.log");
    int exit = Distribution.run("meshctl", env, log, "migrate");
    if (exit != 0) {
      throw new IllegalStateException(
          "bin/meshctl migrate exited " + exit + ":\n" + Files.readString(log));
    }
  }

  /**
   * Runs {@code bin/meshctl args} against {@code target} with {@code token}; returns exit code and
   * output.
   */
  MeshctlRun meshctl(String target, String token, String... args) throws Exception {
    Map<String, String> env = new HashMap<>(tls.meshctlEnv());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("MESHDESK_TARGET", target);
    env.put("MESHDESK_TOKEN", token);
    Path log = logs.resolve("meshctl-" + String.join("-", args) + ".log");
    int exit = Distribution.run("meshctl", env, log, args);
    return new MeshctlRun(exit, Files.readString(log));
  }

  /** One {@code bin/meshctl} run: exit code and everything it printed. */
  record MeshctlRun(int exit, String output) {}

  private ServerProcess server(String name, String launcher, Map<String, String> env, int port) {
    return register(ServerProcess.start(name, launcher, env, port, logs, tls));
  }

  private GrpcWebBridge bridge(ServerProcess ticket) {
    return GrpcWebBridge.startForwarding(
        GrpcWebConfig.loopback(0, Optional.empty()).withTls(tls.config()),
        List.of(
            new GrpcWebBridge.Upstream(
                "127.0.0.1", ticket.port(), List.of(TicketServiceGrpc.getServiceDescriptor()))));
  }

  /** Closes {@code c} with the topology (last registered, first closed). */
  <T extends AutoCloseable> T register(T c) {
    closing.add(c);
    return c;
  }

  /** {@code base} plus the login of {@code server}'s own database role. */
  private static Map<String, String> login(
      Map<String, String> base, DatabaseConfig db, DatabaseRole server) {
    DatabaseConfig own = db.forServer(server);
    return with(
        base, "MESHDESK_DATABASE_USER", own.user(), "MESHDESK_DATABASE_PASSWORD", own.password());
  }

  private static Map<String, String> with(Map<String, String> base, String... kv) {
    Map<String, String> out = new HashMap<>(base);
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = closing.size() - 1; i >= 0; i--) {
      try {
        closing.get(i).close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }
}
