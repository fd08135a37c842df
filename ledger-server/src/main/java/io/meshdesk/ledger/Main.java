package io.meshdesk.ledger;

import io.meshdesk.platform.auth.TokenVerifier;
import io.meshdesk.platform.auth.Verifiers;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;

/** Runs the ledger server as its own process, configured from the environment. */
public final class Main {

  /** Default gRPC port of the ledger server. */
  public static final int DEFAULT_PORT = 7002;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Env env = Env.system();
    Shutdown shutdown = new Shutdown().onJvmExit();
    LedgerServer server;
    try {
      Infrastructure infra =
          Infrastructure.fromEnv(env).forServer(io.meshdesk.platform.config.DatabaseRole.LEDGER);
      TokenVerifier verifier = Verifiers.fromEnv(env, infra, shutdown);
      server =
          LedgerServer.start(
              infra, GrpcConfig.from(env, "MESHDESK_LEDGER", DEFAULT_PORT, 9102), null, verifier);
    } catch (ConfigException e) {
      System.err.println("ledger-server: " + e.getMessage());
      shutdown.close();
      System.exit(2);
      return;
    }
    shutdown.register(server);
    server.awaitTermination();
  }
}
