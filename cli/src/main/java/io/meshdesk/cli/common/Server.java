package io.meshdesk.cli.common;

/**
 * The three Meshdesk servers a command may need, each with the port {@code meshctl dev} gives it,
 * and which one serves a gRPC service.
 */
public enum Server {
  /** ticket-server: identity, tickets, teams, SLA, health of the desk. */
  TICKET(7001),
  /** ledger-server: cards, postings, statements, reminders. */
  LEDGER(7002),
  /** ai-worker: knowledge base and the assistant. */
  AI(7003);

  private final int devPort;

  Server(int devPort) {
    this.devPort = devPort;
  }

  /** The address of this server under {@code meshctl dev} on its default ports. */
  public String devAddress() {
    return "localhost:" + devPort;
  }

  /**
   * The server that answers a gRPC service, by its full name (e.g. {@code
   * meshdesk.ledger.v1.LedgerService}); anything else (identity, tickets, health, reflection) goes
   * to the ticket server.
   */
  public static Server serving(String grpcService) {
    if (grpcService.startsWith("meshdesk.ledger.")
        || grpcService.startsWith("meshdesk.reminder.")) {
      return LEDGER;
    }
    if (grpcService.startsWith("meshdesk.knowledge.") || grpcService.startsWith("meshdesk.ai.")) {
      return AI;
    }
    return TICKET;
  }
}
