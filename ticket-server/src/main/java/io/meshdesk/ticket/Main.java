package io.meshdesk.ticket;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;

/** Runs the ticket server as its own process, configured from the environment. */
public final class Main {

  /** Default gRPC port of the ticket server. */
  public static final int DEFAULT_PORT = 7001;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Env env = Env.system();
    TicketServer server;
    try {
      server =
          TicketServer.start(
              Infrastructure.fromEnv(env),
              GrpcConfig.from(env, "MESHDESK_TICKET", DEFAULT_PORT, 9101),
              null);
    } catch (ConfigException e) {
      System.err.println("ticket-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    new Shutdown().onJvmExit().register(server);
    server.awaitTermination();
  }
}
