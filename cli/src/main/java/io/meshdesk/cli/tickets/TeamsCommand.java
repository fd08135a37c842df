package io.meshdesk.cli.tickets;

import io.meshdesk.api.ticket.v1.CreateTeamRequest;
import io.meshdesk.api.ticket.v1.ListTeamsRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc.TicketServiceBlockingStub;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl teams}: the support teams tickets are routed to (ticket server). */
@Command(
    name = "teams",
    description = "Support teams of the token's tenant.",
    subcommands = {TeamsCommand.ListTeams.class, TeamsCommand.CreateTeam.class})
public final class TeamsCommand {

  private TeamsCommand() {}

  @Command(name = "list", description = "List teams.")
  @Rpc("meshdesk.ticket.v1.TicketService/ListTeams")
  static final class ListTeams extends TicketCommands.OnTickets {
    @Mixin PageOptions page;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      var r = tickets.listTeams(ListTeamsRequest.newBuilder().setPage(page.request()).build());
      page.print(out, r, "teams", r.getPage());
      return 0;
    }
  }

  @Command(name = "create", description = "Create a team.")
  @Rpc("meshdesk.ticket.v1.TicketService/CreateTeam")
  static final class CreateTeam extends TicketCommands.OnTickets {
    @Option(names = "--name", required = true, description = "Team name.")
    String name;

    @Option(names = "--description", defaultValue = "", description = "What the team handles.")
    String description;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      out.item(
          tickets.createTeam(
              CreateTeamRequest.newBuilder().setName(name).setDescription(description).build()),
          "team");
      return 0;
    }
  }
}
