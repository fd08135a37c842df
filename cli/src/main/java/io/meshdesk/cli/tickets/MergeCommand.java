package io.meshdesk.cli.tickets;

import io.meshdesk.api.ticket.v1.MergeTicketsRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsResponse;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc.TicketServiceBlockingStub;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl tickets merge}: closes a duplicate into the ticket that survives. */
@Command(
    name = "merge",
    description =
        "Merge a duplicate into the ticket that survives: the duplicate is closed and linked,"
            + " both keep their history, the requester gets one public comment.")
@Rpc("meshdesk.ticket.v1.TicketService/MergeTickets")
final class MergeCommand extends TicketCommands.OnTickets {

  @Parameters(index = "0", paramLabel = "DUPLICATE_ID", description = "Ticket to close.")
  String duplicate;

  @Option(names = "--into", required = true, description = "Ticket that survives.")
  String target;

  @Option(
      names = "--comment",
      description = "Public comment for the requester (default: a standard notice).")
  String comment;

  @Option(
      names = "--request-id",
      description = "Idempotency key; a retry with it changes nothing (default: random).")
  String requestId;

  @Override
  protected int run(TicketServiceBlockingStub tickets, Output out) {
    MergeTicketsResponse r =
        tickets.mergeTickets(
            MergeTicketsRequest.newBuilder()
                .setDuplicateTicketId(duplicate)
                .setTargetTicketId(target)
                .setComment(comment == null ? "" : comment)
                .setRequestId(requestId == null ? UUID.randomUUID().toString() : requestId)
                .build());
    out.item(r, "target");
    return 0;
  }
}
