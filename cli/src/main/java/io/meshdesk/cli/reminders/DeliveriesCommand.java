package io.meshdesk.cli.reminders;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.reminder.v1.Delivery;
import io.meshdesk.api.reminder.v1.DeliveryOutcome;
import io.meshdesk.api.reminder.v1.ListDeliveriesRequest;
import io.meshdesk.api.reminder.v1.ListDeliveriesResponse;
import io.meshdesk.cli.common.ListCommand;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Watch;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl reminders deliveries}: the delivery log of a card. */
@Command(
    name = "deliveries",
    description = "List a card's reminder deliveries: attempts, outcome, latency.")
@Rpc("meshdesk.reminder.v1.ReminderService/ListDeliveries")
public final class DeliveriesCommand extends ListCommand<Delivery> {

  @Mixin Watch watch;

  @Override
  protected Watch watch() {
    return watch;
  }

  @Parameters(index = "0", paramLabel = "CARD_ID", description = "Card id.")
  String card;

  @Option(
      names = "--outcome",
      description = "Only this state: pending, retrying, delivered, dead_lettered, cancelled.")
  String outcome;

  @Option(names = "--rule", description = "Only deliveries of this rule id.")
  String rule;

  @Override
  protected Page<Delivery> fetch(PageRequest page) throws InterruptedException {
    ListDeliveriesRequest.Builder req =
        ListDeliveriesRequest.newBuilder().setCardId(card).setPage(page);
    if (rule != null) {
      req.setRuleId(rule);
    }
    if (outcome != null) {
      req.setOutcome(outcome(outcome));
    }
    ListDeliveriesResponse r =
        RemindersCommand.withStub(client, s -> s.listDeliveries(req.build()));
    return new Page<>(r.getDeliveriesList(), r.getPage(), r);
  }

  private static DeliveryOutcome outcome(String name) {
    try {
      return DeliveryOutcome.valueOf("DELIVERY_OUTCOME_" + name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--outcome must be pending, retrying, delivered, dead_lettered or cancelled");
    }
  }

  @Override
  protected Object[] headers() {
    return new Object[] {
      "DELIVERY", "KIND", "CHANNEL", "OUTCOME", "ATTEMPTS", "DUE", "LATENCY", "LAST_ERROR"
    };
  }

  @Override
  protected Object[] cells(Delivery d) {
    String latency =
        d.hasLatency()
            ? String.format(
                Locale.ROOT, "%.3fs", d.getLatency().getSeconds() + d.getLatency().getNanos() / 1e9)
            : "-";
    return new Object[] {
      d.getId(),
      RemindersCommand.shortName(d.getKind(), "REMINDER_KIND_"),
      RemindersCommand.shortName(d.getChannel(), "REMINDER_CHANNEL_"),
      RemindersCommand.shortName(d.getOutcome(), "DELIVERY_OUTCOME_"),
      d.getAttempts(),
      RemindersCommand.time(d.hasDueAt(), d.getDueAt()),
      latency,
      d.getLastError()
    };
  }
}
