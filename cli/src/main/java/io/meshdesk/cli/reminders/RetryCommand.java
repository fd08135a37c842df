package io.meshdesk.cli.reminders;

import io.meshdesk.api.reminder.v1.RetryDeadLetterRequest;
import io.meshdesk.api.reminder.v1.RetryDeadLetterResponse;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code meshctl reminders retry}: puts a dead letter back in the queue (admins). */
@Command(
    name = "retry",
    description = "Retry a dead-lettered delivery with a fresh attempt budget.")
@Rpc("meshdesk.reminder.v1.ReminderService/RetryDeadLetter")
public final class RetryCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Parameters(
      index = "0",
      paramLabel = "DEAD_LETTER_ID",
      description = "Dead-letter id (from `reminders dlq`).")
  String deadLetterId;

  @Override
  public Integer call() throws InterruptedException {
    RetryDeadLetterResponse r =
        RemindersCommand.withStub(
            client,
            s ->
                s.retryDeadLetter(
                    RetryDeadLetterRequest.newBuilder().setDeadLetterId(deadLetterId).build()));
    Output out = client.printer();
    if (out.human()) {
      System.out.println(
          "delivery "
              + r.getDelivery().getId()
              + " "
              + RemindersCommand.shortName(r.getDelivery().getOutcome(), "DELIVERY_OUTCOME_"));
    } else {
      out.item(r, "delivery");
    }
    return 0;
  }
}
