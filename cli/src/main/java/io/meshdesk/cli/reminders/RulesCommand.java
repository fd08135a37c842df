package io.meshdesk.cli.reminders;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.reminder.v1.ListReminderRulesRequest;
import io.meshdesk.api.reminder.v1.ListReminderRulesResponse;
import io.meshdesk.api.reminder.v1.ReminderRule;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Rpc;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl reminders rules}: lists reminder rules. */
@Command(
    name = "rules",
    description = "List reminder rules, oldest first; create or delete one.",
    subcommands = {RulesCreateCommand.class, RulesDeleteCommand.class})
@Rpc("meshdesk.reminder.v1.ReminderService/ListReminderRules")
public final class RulesCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Option(names = "--card", description = "Only rules of this card id.")
  String card;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "Page size, 1..500 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--page-token", defaultValue = "", description = "Token of the page to show.")
  String pageToken;

  @Override
  public Integer call() throws InterruptedException {
    ListReminderRulesRequest.Builder req =
        ListReminderRulesRequest.newBuilder()
            .setPage(PageRequest.newBuilder().setPageSize(limit).setPageToken(pageToken));
    if (card != null) {
      req.setCardId(card);
    }
    ListReminderRulesResponse r =
        RemindersCommand.withStub(client, s -> s.listReminderRules(req.build()));
    if (client.output() == ClientOptions.OutputFormat.json) {
      r.getRulesList().forEach(x -> System.out.println(RemindersCommand.json(x)));
    } else {
      System.out.printf(
          "%-36s  %-36s  %-17s  %-10s  %-8s  %-20s  %s%n",
          "RULE", "CARD", "KIND", "DAYS", "CHANNEL", "ZONE", "QUIET");
      for (ReminderRule x : r.getRulesList()) {
        String days =
            x.getDaysBeforeList().stream().map(String::valueOf).collect(Collectors.joining(","));
        String quiet =
            x.hasQuietHoursStart()
                ? String.format(
                    "%02d:%02d-%02d:%02d",
                    x.getQuietHoursStart().getHours(),
                    x.getQuietHoursStart().getMinutes(),
                    x.getQuietHoursEnd().getHours(),
                    x.getQuietHoursEnd().getMinutes())
                : "-";
        System.out.printf(
            "%-36s  %-36s  %-17s  %-10s  %-8s  %-20s  %s%n",
            x.getId(),
            x.getCardId(),
            RemindersCommand.shortName(x.getKind(), "REMINDER_KIND_"),
            days.isEmpty() ? "-" : days,
            RemindersCommand.shortName(x.getChannel(), "REMINDER_CHANNEL_"),
            x.getTimeZone(),
            quiet);
      }
    }
    if (!r.getPage().getNextPageToken().isEmpty()) {
      System.err.println("more: --page-token " + r.getPage().getNextPageToken());
    }
    return 0;
  }
}
