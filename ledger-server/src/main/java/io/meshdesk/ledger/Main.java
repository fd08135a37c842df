package io.meshdesk.ledger;

import io.meshdesk.platform.auth.TokenVerifier;
import io.meshdesk.platform.auth.Verifiers;
import io.meshdesk.platform.config.DatabaseRole;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.ServerProcess;

/** Runs the ledger server as its own process, configured from the environment. */
public final class Main {

  /** Default gRPC port of the ledger server. */
  public static final int DEFAULT_PORT = 7002;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    ServerProcess.run(
        "ledger-server",
        new ServerProcess.Ports("MESHDESK_LEDGER", DEFAULT_PORT, 9102),
        (env, grpc, opened) -> {
          Infrastructure infra = Infrastructure.fromEnv(env).forServer(DatabaseRole.LEDGER);
          TokenVerifier verifier = Verifiers.fromEnv(env, infra, opened);
          return LedgerServer.start(infra, grpc, null, verifier);
        });
  }
}
