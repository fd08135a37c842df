package io.meshdesk.reminder.grpc;

import io.grpc.stub.StreamObserver;
import io.meshdesk.api.reminder.v1.CreateReminderRuleRequest;
import io.meshdesk.api.reminder.v1.CreateReminderRuleResponse;
import io.meshdesk.api.reminder.v1.DeleteReminderRuleRequest;
import io.meshdesk.api.reminder.v1.DeleteReminderRuleResponse;
import io.meshdesk.api.reminder.v1.ListDeadLettersRequest;
import io.meshdesk.api.reminder.v1.ListDeadLettersResponse;
import io.meshdesk.api.reminder.v1.ListDeliveriesRequest;
import io.meshdesk.api.reminder.v1.ListDeliveriesResponse;
import io.meshdesk.api.reminder.v1.ListReminderRulesRequest;
import io.meshdesk.api.reminder.v1.ListReminderRulesResponse;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.api.reminder.v1.RetryDeadLetterRequest;
import io.meshdesk.api.reminder.v1.RetryDeadLetterResponse;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.reminder.service.DeliveryLog;
import io.meshdesk.reminder.service.ReminderRules;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/** gRPC face of reminders: maps requests to {@link ReminderRules} and {@link DeliveryLog}. */
public final class ReminderGrpcService extends ReminderServiceGrpc.ReminderServiceImplBase {

  private final ReminderRules rules;
  private final DeliveryLog log;

  public ReminderGrpcService(ReminderRules rules, DeliveryLog log) {
    this.rules = rules;
    this.log = log;
  }

  /** Creates a rule for a card (cardholders: their own cards, e-mail only; webhooks: admins). */
  @Override
  public void createReminderRule(
      CreateReminderRuleRequest r, StreamObserver<CreateReminderRuleResponse> out) {
    var draft =
        new ReminderRules.Draft(
            UUID.fromString(r.getCardId()),
            ReminderMapper.kind(r.getKind()),
            r.getDaysBeforeList(),
            r.getUtilizationThresholdBps(),
            ReminderMapper.channel(r.getChannel()),
            r.getDestination(),
            r.hasQuietHoursStart()
                ? Optional.of(ReminderMapper.time(r.getQuietHoursStart()))
                : Optional.empty(),
            r.hasQuietHoursEnd()
                ? Optional.of(ReminderMapper.time(r.getQuietHoursEnd()))
                : Optional.empty(),
            zone(r.getTimeZone()));
    ReminderRules.Created c = rules.create(caller(), draft);
    out.onNext(
        CreateReminderRuleResponse.newBuilder()
            .setRule(ReminderMapper.rule(c.rule()))
            .setWebhookSigningSecret(c.signingSecret())
            .build());
    out.onCompleted();
  }

  /** Lists rules, oldest first. */
  @Override
  public void listReminderRules(
      ListReminderRulesRequest r, StreamObserver<ListReminderRulesResponse> out) {
    int size = Paging.size(r.getPage());
    int offset = Paging.offset(r.getPage());
    var fetched =
        rules.list(
            caller(),
            r.getCardId().isEmpty() ? null : UUID.fromString(r.getCardId()),
            offset,
            size + 1);
    out.onNext(
        ListReminderRulesResponse.newBuilder()
            .addAllRules(Paging.trim(fetched, size).stream().map(ReminderMapper::rule).toList())
            .setPage(Paging.response(fetched, offset, size))
            .build());
    out.onCompleted();
  }

  /** Deletes a rule and cancels its scheduled deliveries. */
  @Override
  public void deleteReminderRule(
      DeleteReminderRuleRequest r, StreamObserver<DeleteReminderRuleResponse> out) {
    int n = rules.delete(caller(), UUID.fromString(r.getRuleId()));
    out.onNext(DeleteReminderRuleResponse.newBuilder().setCancelledDeliveries(n).build());
    out.onCompleted();
  }

  /** Lists a card's deliveries, most recently due first. */
  @Override
  public void listDeliveries(ListDeliveriesRequest r, StreamObserver<ListDeliveriesResponse> out) {
    int size = Paging.size(r.getPage());
    int offset = Paging.offset(r.getPage());
    var filter =
        new DeliveryLog.Filter(
            r.getRuleId().isEmpty() ? null : UUID.fromString(r.getRuleId()),
            ReminderMapper.status(r.getOutcome()),
            r.getDue().hasStartTime() ? ProtoTime.instant(r.getDue().getStartTime()) : null,
            r.getDue().hasEndTime() ? ProtoTime.instant(r.getDue().getEndTime()) : null);
    var fetched =
        log.deliveries(caller(), UUID.fromString(r.getCardId()), filter, offset, size + 1);
    out.onNext(
        ListDeliveriesResponse.newBuilder()
            .addAllDeliveries(
                Paging.trim(fetched, size).stream().map(ReminderMapper::delivery).toList())
            .setPage(Paging.response(fetched, offset, size))
            .build());
    out.onCompleted();
  }

  /** Lists open dead letters, newest first (admins). */
  @Override
  public void listDeadLetters(
      ListDeadLettersRequest r, StreamObserver<ListDeadLettersResponse> out) {
    int size = Paging.size(r.getPage());
    int offset = Paging.offset(r.getPage());
    var fetched =
        log.deadLetters(
            AuthContext.principal().requireTenant(),
            r.getCardId().isEmpty() ? null : UUID.fromString(r.getCardId()),
            offset,
            size + 1);
    out.onNext(
        ListDeadLettersResponse.newBuilder()
            .addAllDeadLetters(
                Paging.trim(fetched, size).stream().map(ReminderMapper::deadLetter).toList())
            .setPage(Paging.response(fetched, offset, size))
            .build());
    out.onCompleted();
  }

  /** Requeues a dead letter with a fresh attempt budget (admins). */
  @Override
  public void retryDeadLetter(
      RetryDeadLetterRequest r, StreamObserver<RetryDeadLetterResponse> out) {
    var d =
        log.retry(AuthContext.principal().requireTenant(), UUID.fromString(r.getDeadLetterId()));
    out.onNext(
        RetryDeadLetterResponse.newBuilder().setDelivery(ReminderMapper.delivery(d)).build());
    out.onCompleted();
  }

  private static ReminderRules.Caller caller() {
    Principal p = AuthContext.principal();
    return new ReminderRules.Caller(
        p.requireTenant(),
        p.subject(),
        p.role() == Role.CUSTOMER,
        Rbac.allows(p, "reminders.webhooks"));
  }

  private static Optional<ZoneId> zone(String id) {
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(id));
    } catch (DateTimeException e) {
      throw new InvalidArgumentException("time_zone", "unknown time zone '" + id + "'");
    }
  }
}
