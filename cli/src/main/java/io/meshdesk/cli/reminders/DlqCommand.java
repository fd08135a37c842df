package io.meshdesk.cli.reminders;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.reminder.v1.DeadLetter;
import io.meshdesk.api.reminder.v1.ListDeadLettersRequest;
import io.meshdesk.api.reminder.v1.ListDeadLettersResponse;
import io.meshdesk.cli.common.ListCommand;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Watch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl reminders dlq}: lists dead-lettered deliveries (admins). */
@Command(name = "dlq", description = "List deliveries that exhausted their attempts, newest first.")
@Rpc("meshdesk.reminder.v1.ReminderService/ListDeadLetters")
public final class DlqCommand extends ListCommand<DeadLetter> {

  @Mixin Watch watch;

  @Override
  protected Watch watch() {
    return watch;
  }

  @Option(names = "--card", description = "Only dead letters of this card id.")
  String card;

  @Override
  protected Page<DeadLetter> fetch(PageRequest page) throws InterruptedException {
    ListDeadLettersRequest.Builder req = ListDeadLettersRequest.newBuilder().setPage(page);
    if (card != null) {
      req.setCardId(card);
    }
    ListDeadLettersResponse r =
        RemindersCommand.withStub(client, s -> s.listDeadLetters(req.build()));
    return new Page<>(r.getDeadLettersList(), r.getPage(), r);
  }

  @Override
  protected Object[] headers() {
    return new Object[] {"DEAD_LETTER", "DELIVERY", "CARD", "ATTEMPTS", "RETRY", "REASON"};
  }

  @Override
  protected Object[] cells(DeadLetter d) {
    return new Object[] {
      d.getId(),
      d.getDelivery().getId(),
      d.getDelivery().getCardId(),
      d.getDelivery().getAttempts(),
      d.getRetryCount(),
      d.getReason()
    };
  }
}
