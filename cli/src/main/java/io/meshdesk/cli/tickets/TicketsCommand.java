package io.meshdesk.cli.tickets;

import picocli.CommandLine.Command;

/** {@code meshctl tickets}: the support desk's tickets. */
@Command(
    name = "tickets",
    description = "Tickets of the token's tenant.",
    subcommands = {
      TicketCommands.ListTickets.class,
      TicketCommands.GetTicket.class,
      TicketCommands.CreateTicket.class,
      TicketCommands.AssignTicket.class,
      MergeCommand.class,
      TicketSet.SetTicket.class,
      TicketCommands.AddComment.class,
      TicketCommands.ListComments.class,
      TicketCommands.History.class,
      TicketSet.Queues.class,
      TicketsWatchCommand.class
    })
public final class TicketsCommand {}
