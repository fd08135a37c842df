package io.meshdesk.cli.reminders;

import io.grpc.Channel;
import io.meshdesk.api.common.v1.LocalTime;
import io.meshdesk.api.reminder.v1.CreateReminderRuleRequest;
import io.meshdesk.api.reminder.v1.ReminderChannel;
import io.meshdesk.api.reminder.v1.ReminderKind;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc.ReminderServiceBlockingStub;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.StubCommand;
import io.meshdesk.cli.common.Words;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshctl reminders rules create}: a reminder rule on a card. A webhook rule's signing
 * secret is printed once, in the result.
 */
@Command(name = "create", description = "Create a reminder rule on a card.")
@Rpc("meshdesk.reminder.v1.ReminderService/CreateReminderRule")
public final class RulesCreateCommand extends StubCommand<ReminderServiceBlockingStub> {

  @Option(names = "--card", required = true, description = "Card id.")
  String card;

  @Option(
      names = "--kind",
      required = true,
      description = "days-before-due, statement-ready, payment-received or utilization-above.")
  String kind;

  @Option(names = "--days", split = ",", description = "For days-before-due: e.g. 7,3,1.")
  List<Integer> days = List.of();

  @Option(names = "--threshold-bps", description = "For utilization-above: 1..10000.")
  int thresholdBps;

  @Option(names = "--channel", required = true, description = "email or webhook.")
  String channel;

  @Option(names = "--destination", required = true, description = "E-mail address or URL.")
  String destination;

  @Option(names = "--time-zone", defaultValue = "UTC", description = "IANA zone (default: UTC).")
  String zone;

  @Option(names = "--quiet-hours", description = "No deliveries in this window, e.g. 22:00-07:00.")
  String quiet;

  @Override
  protected ReminderServiceBlockingStub stub(Channel channel) {
    return ReminderServiceGrpc.newBlockingStub(channel);
  }

  @Override
  protected int run(ReminderServiceBlockingStub reminders, Output out) {
    CreateReminderRuleRequest.Builder req =
        CreateReminderRuleRequest.newBuilder()
            .setCardId(card)
            .setKind(Words.parse(ReminderKind.class, "REMINDER_KIND_", "--kind", kind))
            .addAllDaysBefore(days)
            .setUtilizationThresholdBps(thresholdBps)
            .setChannel(
                Words.parse(ReminderChannel.class, "REMINDER_CHANNEL_", "--channel", channel))
            .setDestination(destination)
            .setTimeZone(zone);
    if (quiet != null) {
      String[] window = quiet.split("-", 2);
      if (window.length != 2) {
        throw new IllegalArgumentException(
            "--quiet-hours must be HH:MM-HH:MM, got '" + quiet + "'");
      }
      req.setQuietHoursStart(time(window[0])).setQuietHoursEnd(time(window[1]));
    }
    out.item(reminders.createReminderRule(req.build()), "rule");
    return 0;
  }

  private LocalTime time(String hhmm) {
    try {
      java.time.LocalTime t = java.time.LocalTime.parse(hhmm.strip());
      return LocalTime.newBuilder().setHours(t.getHour()).setMinutes(t.getMinute()).build();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("--quiet-hours must be HH:MM-HH:MM, got '" + quiet + "'");
    }
  }
}
