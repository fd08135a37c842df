package io.meshdesk.cli.reminders;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.reminder.v1.Delivery;
import io.meshdesk.api.reminder.v1.DeliveryOutcome;
import io.meshdesk.api.reminder.v1.ListDeliveriesRequest;
import io.meshdesk.api.reminder.v1.ListDeliveriesResponse;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Rpc;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl reminders deliveries}: the delivery log of a card. */
@Command(
    name = "deliveries",
    description = "List a card's reminder deliveries: attempts, outcome, latency.")
@Rpc("meshdesk.reminder.v1.ReminderService/ListDeliveries")
public final class DeliveriesCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "CARD_ID", description = "Card id.")
  String card;

  @Option(
      names = "--outcome",
      description = "Only this state: pending, retrying, delivered, dead_lettered, cancelled.")
  String outcome;

  @Option(names = "--rule", description = "Only deliveries of this rule id.")
  String rule;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "Page size, 1..500 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--page-token", defaultValue = "", description = "Token of the page to show.")
  String pageToken;

  @Override
  public Integer call() throws InterruptedException {
    ListDeliveriesRequest.Builder req =
        ListDeliveriesRequest.newBuilder()
            .setCardId(card)
            .setPage(PageRequest.newBuilder().setPageSize(limit).setPageToken(pageToken));
    if (rule != null) {
      req.setRuleId(rule);
    }
    if (outcome != null) {
      try {
        req.setOutcome(
            DeliveryOutcome.valueOf("DELIVERY_OUTCOME_" + outcome.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--outcome must be pending, retrying, delivered, dead_lettered or cancelled");
      }
    }
    ListDeliveriesResponse r =
        RemindersCommand.withStub(client, s -> s.listDeliveries(req.build()));
    if (client.output() == ClientOptions.OutputFormat.json) {
      r.getDeliveriesList().forEach(d -> System.out.println(RemindersCommand.json(d)));
    } else {
      System.out.printf(
          "%-36s  %-17s  %-8s  %-14s  %8s  %-24s  %10s  %s%n",
          "DELIVERY", "KIND", "CHANNEL", "OUTCOME", "ATTEMPTS", "DUE", "LATENCY", "LAST ERROR");
      for (Delivery d : r.getDeliveriesList()) {
        String latency =
            d.hasLatency()
                ? String.format(
                    Locale.ROOT,
                    "%.3fs",
                    d.getLatency().getSeconds() + d.getLatency().getNanos() / 1e9)
                : "-";
        System.out.printf(
            "%-36s  %-17s  %-8s  %-14s  %8d  %-24s  %10s  %s%n",
            d.getId(),
            RemindersCommand.shortName(d.getKind(), "REMINDER_KIND_"),
            RemindersCommand.shortName(d.getChannel(), "REMINDER_CHANNEL_"),
            RemindersCommand.shortName(d.getOutcome(), "DELIVERY_OUTCOME_"),
            d.getAttempts(),
            RemindersCommand.time(d.hasDueAt(), d.getDueAt()),
            latency,
            d.getLastError());
      }
    }
    if (!r.getPage().getNextPageToken().isEmpty()) {
      System.err.println("more: --page-token " + r.getPage().getNextPageToken());
    }
    return 0;
  }
}
