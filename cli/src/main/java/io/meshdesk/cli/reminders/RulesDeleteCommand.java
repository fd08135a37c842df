package io.meshdesk.cli.reminders;

import io.grpc.Channel;
import io.meshdesk.api.reminder.v1.DeleteReminderRuleRequest;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc.ReminderServiceBlockingStub;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.StubCommand;
import io.meshdesk.cli.common.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshctl reminders rules delete}: deletes a rule and cancels its pending deliveries. */
@Command(
    name = "delete",
    description = "Delete a reminder rule; its pending deliveries are cancelled.")
@Rpc("meshdesk.reminder.v1.ReminderService/DeleteReminderRule")
public final class RulesDeleteCommand extends StubCommand<ReminderServiceBlockingStub> {

  @Parameters(paramLabel = "RULE_ID", description = "Rule id.")
  String id;

  @Override
  protected ReminderServiceBlockingStub stub(Channel channel) {
    return ReminderServiceGrpc.newBlockingStub(channel);
  }

  @Override
  protected int run(ReminderServiceBlockingStub reminders, Output out) {
    var r =
        reminders.deleteReminderRule(DeleteReminderRuleRequest.newBuilder().setRuleId(id).build());
    out.print(
        r, () -> new Table("DELETED", "CANCELLED_DELIVERIES").row(id, r.getCancelledDeliveries()));
    return 0;
  }
}
