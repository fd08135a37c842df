package io.meshdesk.cli.reminders;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.reminder.v1.DeadLetter;
import io.meshdesk.api.reminder.v1.ListDeadLettersRequest;
import io.meshdesk.api.reminder.v1.ListDeadLettersResponse;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Rpc;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl reminders dlq}: lists dead-lettered deliveries (admins). */
@Command(name = "dlq", description = "List deliveries that exhausted their attempts, newest first.")
@Rpc("meshdesk.reminder.v1.ReminderService/ListDeadLetters")
public final class DlqCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Option(names = "--card", description = "Only dead letters of this card id.")
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
    ListDeadLettersRequest.Builder req =
        ListDeadLettersRequest.newBuilder()
            .setPage(PageRequest.newBuilder().setPageSize(limit).setPageToken(pageToken));
    if (card != null) {
      req.setCardId(card);
    }
    ListDeadLettersResponse r =
        RemindersCommand.withStub(client, s -> s.listDeadLetters(req.build()));
    if (client.output() == ClientOptions.OutputFormat.json) {
      r.getDeadLettersList().forEach(d -> System.out.println(RemindersCommand.json(d)));
    } else {
      System.out.printf(
          "%-36s  %-36s  %-36s  %8s  %5s  %s%n",
          "DEAD LETTER", "DELIVERY", "CARD", "ATTEMPTS", "RETRY", "REASON");
      for (DeadLetter d : r.getDeadLettersList()) {
        System.out.printf(
            "%-36s  %-36s  %-36s  %8d  %5d  %s%n",
            d.getId(),
            d.getDelivery().getId(),
            d.getDelivery().getCardId(),
            d.getDelivery().getAttempts(),
            d.getRetryCount(),
            d.getReason());
      }
    }
    if (!r.getPage().getNextPageToken().isEmpty()) {
      System.err.println("more: --page-token " + r.getPage().getNextPageToken());
    }
    return 0;
  }
}
