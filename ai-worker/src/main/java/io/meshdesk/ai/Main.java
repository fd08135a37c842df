package io.meshdesk.ai;

import io.meshdesk.ai.worker.IdentityTokenProvider;
import io.meshdesk.ai.worker.TokenProvider;
import io.meshdesk.platform.auth.Verifiers;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.ServerProcess;
import io.meshdesk.platform.runtime.Shutdown;
import java.time.Clock;

/**
 * Runs the AI worker as its own process, configured from the environment. Callers' tokens are
 * verified against the identity service ({@code MESHDESK_IDENTITY_TARGET}, default the ticket
 * server); the worker's own tokens come from that service for the platform service account {@code
 * MESHDESK_AI_CLIENT_ID}/{@code MESHDESK_AI_CLIENT_SECRET}.
 */
public final class Main {

  /** Default gRPC port of the AI worker. */
  public static final int DEFAULT_PORT = 7003;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    ServerProcess.run(
        "ai-worker", new ServerProcess.Ports("MESHDESK_AI", DEFAULT_PORT, 9103), Main::start);
  }

  private static AiWorker start(Env env, GrpcConfig grpc, Shutdown opened) {
    Infrastructure infra = Infrastructure.fromEnv(env);
    AiWorkerConfig config = AiWorkerConfig.fromEnv(env);
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
    String identityTarget = env.string("MESHDESK_IDENTITY_TARGET", config.ticketTarget());
    TlsConfig tls = TlsConfig.fromEnv(env);
    Database verifierDb =
        opened.register(
            new Database(
                infra.database().forServer(DatabaseRole.AI).withPoolSize(2), "ai-worker-auth"));
    Redis verifierRedis = opened.register(new Redis(infra.redis()));
    var verifier =
        opened.register(
            Verifiers.forRemoteIdentity(identityTarget, tls, verifierRedis, verifierDb));
    TokenProvider tokens =
        opened.register(
            new IdentityTokenProvider(
                identityTarget, tls, clientId, clientSecret, Clock.systemUTC()));
    return AiWorker.start(infra, grpc, null, verifier, tokens, config);
  }
}
