package io.meshdesk.ticket;

import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.ServerProcess;

/** Runs the ticket server as its own process, configured from the environment. */
public final class Main {

  /** Default gRPC port of the ticket server. */
  public static final int DEFAULT_PORT = 7001;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    ServerProcess.run(
        "ticket-server",
        new ServerProcess.Ports("MESHDESK_TICKET", DEFAULT_PORT, 9101),
        (env, grpc, opened) -> TicketServer.start(Infrastructure.fromEnv(env), grpc, null));
  }
}
