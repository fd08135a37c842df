package io.meshdesk.cli.reminders;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.reminder.v1.ListReminderRulesRequest;
import io.meshdesk.api.reminder.v1.ListReminderRulesResponse;
import io.meshdesk.api.reminder.v1.ReminderRule;
import io.meshdesk.cli.common.ListCommand;
import io.meshdesk.cli.common.Rpc;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshctl reminders rules}: lists reminder rules. */
@Command(
    name = "rules",
    description = "List reminder rules, oldest first; create or delete one.",
    subcommands = {RulesCreateCommand.class, RulesDeleteCommand.class})
@Rpc("meshdesk.reminder.v1.ReminderService/ListReminderRules")
public final class RulesCommand extends ListCommand<ReminderRule> {

  @Option(names = "--card", description = "Only rules of this card id.")
  String card;

  @Override
  protected Page<ReminderRule> fetch(PageRequest page) throws InterruptedException {
    ListReminderRulesRequest.Builder req = ListReminderRulesRequest.newBuilder().setPage(page);
    if (card != null) {
      req.setCardId(card);
    }
    ListReminderRulesResponse r =
        RemindersCommand.withStub(client, s -> s.listReminderRules(req.build()));
    return new Page<>(r.getRulesList(), r.getPage(), r);
  }

  @Override
  protected Object[] headers() {
    return new Object[] {"RULE", "CARD", "KIND", "DAYS", "CHANNEL", "ZONE", "QUIET"};
  }

  @Override
  protected Object[] cells(ReminderRule x) {
    String days =
        x.getDaysBeforeList().stream().map(String::valueOf).collect(Collectors.joining(","));
    return new Object[] {
      x.getId(),
      x.getCardId(),
      RemindersCommand.shortName(x.getKind(), "REMINDER_KIND_"),
      days.isEmpty() ? "-" : days,
      RemindersCommand.shortName(x.getChannel(), "REMINDER_CHANNEL_"),
      x.getTimeZone(),
      quietHours(x)
    };
  }

  private static String quietHours(ReminderRule x) {
    return x.hasQuietHoursStart()
        ? String.format(
            "%02d:%02d-%02d:%02d",
            x.getQuietHoursStart().getHours(),
            x.getQuietHoursStart().getMinutes(),
            x.getQuietHoursEnd().getHours(),
            x.getQuietHoursEnd().getMinutes())
        : "-";
  }
}
