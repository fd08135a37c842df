package io.meshdesk.cli.tickets;

import static io.meshdesk.cli.common.Flags.ifGiven;

import com.google.protobuf.util.Durations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.ticket.v1.GetQueueCountsRequest;
import io.meshdesk.api.ticket.v1.GetSlaPolicyRequest;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.SetSlaPolicyRequest;
import io.meshdesk.api.ticket.v1.SlaTarget;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc.TicketServiceBlockingStub;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import io.meshdesk.cli.common.Watch;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tickets set}, {@code tickets queues} and the {@code sla} commands. */
final class TicketSet {

  private static final String SERVICE = "meshdesk.ticket.v1.TicketService/";

  private TicketSet() {}

  /** How often a change without an expected version is tried against a moving ticket. */
  static final int ATTEMPTS = 5;

  /** The ticket's current version, for commands that change it without one given. */
  static long currentVersion(TicketServiceBlockingStub tickets, String id) {
    return tickets
        .getTicket(GetTicketRequest.newBuilder().setTicketId(id).build())
        .getTicket()
        .getVersion();
  }

  /**
   * Applies {@code change} at the version the user gave, or else at the ticket's current version.
   * With no version given the user asked for no optimistic check, so a conflict with a concurrent
   * change (the AI worker attaching its suggestion, an SLA breach) is retried on the fresh version,
   * up to {@link #ATTEMPTS} times; a given version's conflict is reported as it is.
   */
  static <T> T atVersion(
      TicketServiceBlockingStub tickets, String id, Long given, LongFunction<T> change) {
    if (given != null) {
      return change.apply(given);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return change.apply(currentVersion(tickets, id));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ABORTED || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  @Command(name = "set", description = "Change a ticket's status, priority, subject or team.")
  @Rpc({SERVICE + "UpdateTicket", SERVICE + "GetTicket"})
  static final class SetTicket extends TicketCommands.OnTickets {
    @Parameters(index = "0", paramLabel = "TICKET_ID", description = "Ticket id.")
    String id;

    @Option(names = "--status", description = "new, open, pending, solved or closed.")
    String status;

    @Option(names = "--priority", description = "low, normal, high or urgent.")
    String priority;

    @Option(names = "--subject", description = "New subject line.")
    String subject;

    @Option(names = "--team", description = "Team id; empty to clear.")
    String team;

    @Mixin ExpectedVersion version;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      if (status == null && priority == null && subject == null && team == null) {
        throw new IllegalArgumentException(
            "nothing to change: give --status, --priority, --subject or --team");
      }
      UpdateTicketRequest.Builder req = UpdateTicketRequest.newBuilder().setTicketId(id);
      ifGiven(status, TicketCommands::status, req::setStatus);
      ifGiven(priority, TicketCommands::priority, req::setPriority);
      ifGiven(subject, req::setSubject);
      ifGiven(team, req::setTeamId);
      out.item(
          version.apply(tickets, id, v -> tickets.updateTicket(req.setExpectedVersion(v).build())),
          "ticket");
      return 0;
    }
  }

  @Command(name = "queues", description = "Queue counts: unassigned, yours, open by priority.")
  @Rpc(SERVICE + "GetQueueCounts")
  static final class Queues extends TicketCommands.OnTickets {

    @Mixin Watch watch;

    @Override
    protected Watch watch() {
      return watch;
    }

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      var r = tickets.getQueueCounts(GetQueueCountsRequest.getDefaultInstance());
      out.print(
          r,
          () -> {
            Table t =
                new Table("QUEUE", "COUNT")
                    .row("unassigned", r.getUnassigned())
                    .row("mine", r.getMine())
                    .row("new", r.getNewTickets())
                    .row("pending", r.getPending())
                    .row("sla_breached", r.getSlaBreached());
            r.getOpenByPriorityList()
                .forEach(
                    p ->
                        t.row(
                            "open_" + Formats.enumWord(p.getPriority().name(), "TICKET_PRIORITY_"),
                            p.getCount()));
            r.getTeamsList().forEach(x -> t.row("team_" + x.getTeamName(), x.getOpen()));
            return t;
          });
      return 0;
    }
  }

  @Command(name = "get", description = "Show the SLA policy: targets per priority.")
  @Rpc(SERVICE + "GetSlaPolicy")
  static final class GetSla extends TicketCommands.OnTickets {
    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      var r = tickets.getSlaPolicy(GetSlaPolicyRequest.getDefaultInstance());
      out.print(r, () -> targets(r.getPolicy().getTargetsList()));
      return 0;
    }
  }

  @Command(
      name = "set",
      description = "Replace the SLA policy, e.g. --goal urgent=1h/4h --goal high=4h/1d.")
  @Rpc(SERVICE + "SetSlaPolicy")
  static final class SetSla extends TicketCommands.OnTickets {
    @Option(
        names = "--goal",
        required = true,
        paramLabel = "PRIORITY=FIRST/RESOLUTION",
        description = "Per priority: first-response and resolution time (30m, 4h, 2d).")
    List<String> targets;

    @Override
    protected int run(TicketServiceBlockingStub tickets, Output out) {
      SetSlaPolicyRequest.Builder req = SetSlaPolicyRequest.newBuilder();
      for (String t : targets) {
        String[] kv = t.split("=", 2);
        String[] times = kv.length == 2 ? kv[1].split("/", 2) : new String[0];
        if (times.length != 2) {
          throw new IllegalArgumentException(
              "--goal must be PRIORITY=FIRST/RESOLUTION like urgent=1h/4h, got '" + t + "'");
        }
        req.addTargets(
            SlaTarget.newBuilder()
                .setPriority(TicketCommands.priority(kv[0]))
                .setFirstResponse(Durations.fromSeconds(duration(times[0]).toSeconds()))
                .setResolution(Durations.fromSeconds(duration(times[1]).toSeconds())));
      }
      var r = tickets.setSlaPolicy(req.build());
      out.print(r, () -> targets(r.getPolicy().getTargetsList()));
      return 0;
    }
  }

  /** {@code 30m}, {@code 4h}, {@code 2d} as a duration. */
  static Duration duration(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    try {
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      return switch (s.charAt(s.length() - 1)) {
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--goal times must be like 30m, 4h or 2d, got '" + text + "'");
    }
  }

  private static Table targets(List<SlaTarget> targets) {
    Table t = new Table("PRIORITY", "FIRST_RESPONSE", "RESOLUTION");
    for (SlaTarget x : targets) {
      t.row(
          Formats.enumWord(x.getPriority().name(), "TICKET_PRIORITY_"),
          Duration.ofSeconds(x.getFirstResponse().getSeconds()),
          Duration.ofSeconds(x.getResolution().getSeconds()));
    }
    return t;
  }
}
