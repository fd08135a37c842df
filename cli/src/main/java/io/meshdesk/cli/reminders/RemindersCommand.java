package io.meshdesk.cli.reminders;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.platform.proto.ProtoTime;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;

/**
 * {@code meshctl reminders}: the reminder dead-letter queue, delivery log and rules (ledger
 * server).
 */
@Command(
    name = "reminders",
    description = {
      "Inspect reminder deliveries and rules, and retry dead letters.",
      "Talks to the ledger server: pass --target host:7002 (the ledger port of `meshctl dev`)."
    },
    subcommands = {
      DlqCommand.class,
      RetryCommand.class,
      DeliveriesCommand.class,
      RulesCommand.class
    })
public final class RemindersCommand {

  private RemindersCommand() {}

  /**
   * Runs {@code call} with a blocking stub on a channel from {@code client}, closing the channel
   * after.
   */
  static <T> T withStub(
      ClientOptions client, Function<ReminderServiceGrpc.ReminderServiceBlockingStub, T> call)
      throws InterruptedException {
    ManagedChannel channel = client.channel();
    try {
      return call.apply(
          ReminderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** A timestamp for tables, "-" when unset. */
  static String time(boolean set, Timestamp t) {
    return set ? ProtoTime.instant(t).toString() : "-";
  }

  /** An enum name without its prefix. */
  static String shortName(Enum<?> e, String prefix) {
    return e.name().startsWith(prefix) ? e.name().substring(prefix.length()) : e.name();
  }
}
