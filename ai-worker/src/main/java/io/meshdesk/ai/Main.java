package io.meshdesk.ai;

import io.meshdesk.ai.worker.IdentityTokenProvider;
import io.meshdesk.ai.worker.TokenProvider;
import io.meshdesk.platform.auth.Verifiers;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;

/**
 * Runs the AI worker as its own process, configured from the environment. Callers' tokens are
 * verified against the identity service ({@code MESHDESK_IDENTITY_TARGET}, default the ticket
 * server). Until service-token issuing is wired, the worker's own token comes from {@code
 * MESHDESK_AI_SERVICE_TOKEN} (one tenant only).
 */
public final class Main {

  /** Default gRPC port of the AI worker. */
  public static final int DEFAULT_PORT = 7003;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Env env = Env.system();
    Shutdown shutdown = new Shutdown().onJvmExit();
    AiWorker server;
    try {
      Infrastructure infra = Infrastructure.fromEnv(env);
      AiWorkerConfig config = AiWorkerConfig.fromEnv(env);
      Database verifierDb =
          shutdown.register(
              new Database(
                  infra
                      .database()
                      .forServer(io.meshdesk.platform.config.DatabaseRole.AI)
                      .withPoolSize(2),
                  "ai-worker-auth"));
      Redis verifierRedis = shutdown.register(new Redis(infra.redis()));
      io.meshdesk.platform.config.TlsConfig tls =
          io.meshdesk.platform.config.TlsConfig.fromEnv(env);
      var verifier =
          shutdown.register(
              Verifiers.forRemoteIdentity(
                  env.string("MESHDESK_IDENTITY_TARGET", config.ticketTarget()),
                  tls,
                  verifierRedis,
                  verifierDb));
      String clientId =
          env.get("MESHDESK_AI_CLIENT_ID")
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "MESHDESK_AI_CLIENT_ID",
                          "is not set (a platform service account's client id)"));
      String clientSecret =
          env.get("MESHDESK_AI_CLIENT_SECRET")
              .orElseThrow(() -> new ConfigException("MESHDESK_AI_CLIENT_SECRET", "is not set"));
      TokenProvider tokens =
          shutdown.register(
              new IdentityTokenProvider(
                  env.string("MESHDESK_IDENTITY_TARGET", config.ticketTarget()),
                  tls,
                  clientId,
                  clientSecret,
                  java.time.Clock.systemUTC()));
      server =
          AiWorker.start(
              infra,
              GrpcConfig.from(env, "MESHDESK_AI", DEFAULT_PORT, 9103),
              null,
              verifier,
              tokens,
              config);
    } catch (ConfigException e) {
      System.err.println("ai-worker: " + e.getMessage());
      shutdown.close();
      System.exit(2);
      return;
    }
    shutdown.register(server);
    server.awaitTermination();
  }
}
