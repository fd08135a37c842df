package io.meshdesk.cli.tickets;

import static io.meshdesk.cli.common.Flags.ifGiven;

import io.grpc.Channel;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.WhoAmIRequest;
import io.meshdesk.api.ticket.v1.AddCommentRequest;
import io.meshdesk.api.ticket.v1.AssignTicketRequest;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketHistoryRequest;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.ListCommentsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.api.ticket.v1.TicketOrder;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc.TicketServiceBlockingStub;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.StubCommand;
import io.meshdesk.cli.common.Watch;
import io.meshdesk.cli.common.Words;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The ticket commands of {@code meshctl tickets} other than {@code watch}. */
final class TicketCommands {

  private static final String SERVICE = "meshdesk.ticket.v1.TicketService/";

  private TicketCommands() {}

  /** Base: calls the ticket service of {@code --target}. */
  abstract static class OnTickets extends StubCommand<TicketServiceBlockingStub> {
    @Override
    protected TicketServiceBlockingStub stub(Channel channel) {
      return TicketServiceGrpc.newBlockingStub(channel);
    }
  }

  /** A command listing one ticket's items, a page at a time. */
  abstract static class TicketPage extends OnTickets {
    @Parameters(index = "0", paramLabel = "TICKET_ID", description = "Ticket id.")
    String id;

    @Mixin PageOptions page;
  }

  static TicketStatus status(String word) {
    return Words.parse(TicketStatus.class, "TICKET_STATUS_", "--status", word);
  }

  static TicketPriority priority(String word) {
    return Words.parse(TicketPriority.class, "TICKET_PRIORITY_", "--priority", word);
  }

  @Command(name = "list", description = "List tickets, filtered by queue, status, priority, ...")
  @Rpc({SERVICE + "ListTickets", "meshdesk.identity.v1.IdentityService/WhoAmI"})
  static final class ListTickets extends OnTickets {
    @Mixin PageOptions page;

    @Mixin Watch watch;

    @Override
    protected Watch watch() {
      return watch;
    }

    @Option(
        names = "--queue",
        description = "all, mine (assigned to you) or unassigned (default: all).",
        defaultValue = "all")
    String queue;

    @Option(names = "--status", split = ",", description = "Statuses, e.g. new,open,pending.")
    List<String> statuses = List.of();

    @Option(names = "--priority", split = ",", description = "Priorities: low,normal,high,urgent.")
    List<String> priorities = List.of();

    @Option(names = "--assignee", description = "Assignee user id.")
    String assignee;

    @Option(names = "--requester", description = "Requester user id.")
    String requester;

    @Option(names = "--team", description = "Team id.")
    String team;

    @Option(names = "--tag", description = "Tag.")
    String tag;

    @Option(names = "--query", description = "Words in subject or body.")
    String query;

    @Option(
        names = "--order",
        description =
            "updated-at-desc, created-at-desc, created-at-asc, priority-desc or"
                + " resolution-due-asc.")
    String order;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      ListTicketsRequest.Builder req = ListTicketsRequest.newBuilder().setPage(page.request());
      statuses.forEach(s -> req.addStatuses(status(s)));
      priorities.forEach(p -> req.addPriorities(priority(p)));
      switch (queue) {
        case "all" -> {}
        case "unassigned" -> req.setUnassigned(true);
        case "mine" -> req.setAssigneeId(me(tickets.getChannel()));
        default ->
            throw new IllegalArgumentException(
                "--queue must be all, mine or unassigned, got '" + queue + "'");
      }
      ifGiven(assignee, req::setAssigneeId);
      ifGiven(requester, req::setRequesterId);
      ifGiven(team, req::setTeamId);
      ifGiven(tag, req::setTag);
      ifGiven(query, req::setQuery);
      ifGiven(
          order, o -> Words.parse(TicketOrder.class, "TICKET_ORDER_", "--order", o), req::setOrder);
      ListTicketsResponse r = tickets.listTickets(req.build());
      page.print(out, r, "tickets", r.getPage());
      return 0;
    }

    private String me(Channel channel) {
      return IdentityServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
          .whoAmI(WhoAmIRequest.getDefaultInstance())
          .getPrincipal()
          .getSubjectId();
    }
  }

  @Command(name = "get", description = "Show one ticket.")
  @Rpc(SERVICE + "GetTicket")
  static final class GetTicket extends OnTickets {
    @Parameters(paramLabel = "TICKET_ID", description = "Ticket id.")
    String id;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      out.item(tickets.getTicket(GetTicketRequest.newBuilder().setTicketId(id).build()), "ticket");
      return 0;
    }
  }

  @Command(name = "create", description = "Open a ticket.")
  @Rpc(SERVICE + "CreateTicket")
  static final class CreateTicket extends OnTickets {
    @Option(names = "--subject", required = true, description = "Subject line.")
    String subject;

    @Option(names = "--body", required = true, description = "What the requester wrote.")
    String body;

    @Option(names = "--priority", description = "low, normal, high or urgent.")
    String priority;

    @Option(names = "--requester", description = "Requester user id (default: you).")
    String requester;

    @Option(names = "--team", description = "Team id.")
    String team;

    @Option(names = "--tag", split = ",", description = "Tags.")
    List<String> tags = List.of();

    @Option(
        names = "--request-id",
        description = "Key that makes a retry safe (default: a new random one).")
    String requestId;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      CreateTicketRequest.Builder req =
          CreateTicketRequest.newBuilder()
              .setSubject(subject)
              .setBody(body)
              .addAllTags(tags)
              .setRequestId(requestId == null ? UUID.randomUUID().toString() : requestId);
      ifGiven(priority, TicketCommands::priority, req::setPriority);
      ifGiven(requester, req::setRequesterId);
      ifGiven(team, req::setTeamId);
      out.item(tickets.createTicket(req.build()), "ticket");
      return 0;
    }
  }

  @Command(name = "assign", description = "Assign a ticket to an agent, or unassign it.")
  @Rpc({SERVICE + "AssignTicket", SERVICE + "GetTicket"})
  static final class AssignTicket extends OnTickets {
    @Parameters(index = "0", paramLabel = "TICKET_ID", description = "Ticket id.")
    String id;

    @Option(names = "--to", required = true, description = "Agent user id; empty to unassign.")
    String assignee;

    @Mixin ExpectedVersion version;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      out.item(
          version.apply(
              tickets,
              id,
              v ->
                  tickets.assignTicket(
                      AssignTicketRequest.newBuilder()
                          .setTicketId(id)
                          .setExpectedVersion(v)
                          .setAssigneeId(assignee)
                          .build())),
          "ticket");
      return 0;
    }
  }

  @Command(name = "comment", description = "Reply to the requester, or add an internal note.")
  @Rpc(SERVICE + "AddComment")
  static final class AddComment extends OnTickets {
    @Parameters(index = "0", paramLabel = "TICKET_ID", description = "Ticket id.")
    String id;

    @Option(names = "--body", required = true, description = "Text of the comment.")
    String body;

    @Option(names = "--internal", description = "An internal note agents see, not the requester.")
    boolean internal;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      out.item(
          tickets.addComment(
              AddCommentRequest.newBuilder()
                  .setTicketId(id)
                  .setBody(body)
                  .setVisibility(
                      internal
                          ? CommentVisibility.COMMENT_VISIBILITY_INTERNAL
                          : CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
                  .setRequestId(UUID.randomUUID().toString())
                  .build()),
          "comment");
      return 0;
    }
  }

  @Command(name = "comments", description = "List a ticket's comments and notes, oldest first.")
  @Rpc(SERVICE + "ListComments")
  static final class ListComments extends TicketPage {

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      var r =
          tickets.listComments(
              ListCommentsRequest.newBuilder().setTicketId(id).setPage(page.request()).build());
      page.print(out, r, "comments", r.getPage());
      return 0;
    }
  }

  @Command(name = "history", description = "Every change of a ticket, oldest first.")
  @Rpc(SERVICE + "GetTicketHistory")
  static final class History extends TicketPage {

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      var r =
          tickets.getTicketHistory(
              GetTicketHistoryRequest.newBuilder().setTicketId(id).setPage(page.request()).build());
      page.print(out, r, "entries", r.getPage());
      return 0;
    }
  }
}
