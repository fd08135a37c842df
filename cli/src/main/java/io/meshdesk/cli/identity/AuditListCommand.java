package io.meshdesk.cli.identity;

import com.google.protobuf.Timestamp;
import io.meshdesk.api.common.v1.TimeRange;
import io.meshdesk.api.identity.v1.AuditEvent;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.ListAuditEventsRequest;
import io.meshdesk.api.identity.v1.ListAuditEventsResponse;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import io.meshdesk.platform.proto.ProtoTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl audit list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List audit events, newest first.")
@Rpc("meshdesk.identity.v1.IdentityService/ListAuditEvents")
public final class AuditListCommand extends IdentityCommand {

  @Option(
      names = "--action",
      defaultValue = "",
      description = "Only this action, e.g. user.created.")
  String action;

  @Option(
      names = "--actor",
      defaultValue = "",
      description = "Only events by this user or service account (UUID).")
  String actor;

  @Option(
      names = "--tenant",
      defaultValue = "",
      description = "Platform admins: only this tenant (UUID).")
  String tenant;

  @Option(
      names = "--since",
      description = "Only events at or after this instant, e.g. 2025-01-31T00:00:00Z.")
  String since;

  @Option(names = "--until", description = "Only events before this instant.")
  String until;

  @Mixin PageOptions page;

  private TimeRange range;

  @Override
  protected void validate() {
    TimeRange.Builder b = TimeRange.newBuilder();
    if (since != null) {
      b.setStartTime(timestamp("--since", since));
    }
    if (until != null) {
      b.setEndTime(timestamp("--until", until));
    }
    range = b.build();
  }

  private static Timestamp timestamp(String flag, String value) {
    try {
      Instant i = Instant.parse(value);
      return ProtoTime.timestamp(i);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          flag + " must be an ISO-8601 instant such as 2025-01-31T00:00:00Z, got '" + value + "'");
    }
  }

  @Override
  int run(IdentityServiceBlockingStub identity) {
    ListAuditEventsResponse r =
        identity.listAuditEvents(
            ListAuditEventsRequest.newBuilder()
                .setPage(page.request())
                .setAction(action)
                .setActorId(actor)
                .setTenantId(tenant)
                .setTimeRange(range)
                .build());
    out()
        .print(
            r,
            () -> {
              Table t = new Table("TIME", "ACTION", "ACTOR", "TARGET", "TENANT", "DETAILS");
              for (AuditEvent e : r.getEventsList()) {
                t.row(
                    Formats.time(e.hasOccurredAt(), e.getOccurredAt()),
                    e.getAction(),
                    Formats.actor(e.getActor()),
                    e.getTarget().getType() + ":" + e.getTarget().getId(),
                    Formats.text(e.getTenantId()),
                    e.getDetailsMap().isEmpty()
                        ? "-"
                        : new TreeMap<>(e.getDetailsMap()).toString());
              }
              return t;
            });
    page.hint(output(), r.getPage());
    return 0;
  }
}
