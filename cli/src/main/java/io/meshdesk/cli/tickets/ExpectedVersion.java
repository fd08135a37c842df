package io.meshdesk.cli.tickets;

import io.meshdesk.api.ticket.v1.TicketServiceGrpc.TicketServiceBlockingStub;
import java.util.function.LongFunction;
import picocli.CommandLine.Option;

/**
 * The {@code --expected-version} option of the commands that change a ticket, and the change
 * applied at that version (or at the current one, see {@link TicketSet#atVersion}).
 */
final class ExpectedVersion {

  @Option(
      names = "--expected-version",
      description =
          "Fail if the ticket changed since this version (default: the current one, retried"
              + " when another change lands first).")
  Long version;

  /** Applies {@code change} to ticket {@code id} at the given or the current version. */
  <T> T apply(TicketServiceBlockingStub tickets, String id, LongFunction<T> change) {
    return TicketSet.atVersion(tickets, id, version, change);
  }
}
