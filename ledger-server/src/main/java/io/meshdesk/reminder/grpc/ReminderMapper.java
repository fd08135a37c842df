package io.meshdesk.reminder.grpc;

import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.common.v1.LocalTime;
import io.meshdesk.api.reminder.v1.DeliveryOutcome;
import io.meshdesk.api.reminder.v1.ReminderChannel;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.DeadLetter;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;

/** Maps reminder domain records to and from their protobuf messages. */
final class ReminderMapper {

  private ReminderMapper() {}

  static ReminderKind kind(io.meshdesk.api.reminder.v1.ReminderKind k) {
    return ReminderKind.valueOf(k.name().substring("REMINDER_KIND_".length()));
  }

  static io.meshdesk.api.reminder.v1.ReminderKind kind(ReminderKind k) {
    return io.meshdesk.api.reminder.v1.ReminderKind.valueOf("REMINDER_KIND_" + k.name());
  }

  static Channel channel(ReminderChannel c) {
    return Channel.valueOf(c.name().substring("REMINDER_CHANNEL_".length()));
  }

  static ReminderChannel channel(Channel c) {
    return ReminderChannel.valueOf("REMINDER_CHANNEL_" + c.name());
  }

  static DeliveryStatus status(DeliveryOutcome o) {
    return o == DeliveryOutcome.DELIVERY_OUTCOME_UNSPECIFIED
        ? null
        : DeliveryStatus.valueOf(o.name().substring("DELIVERY_OUTCOME_".length()));
  }

  static DeliveryOutcome outcome(DeliveryStatus s) {
    return DeliveryOutcome.valueOf("DELIVERY_OUTCOME_" + s.name());
  }

  static java.time.LocalTime time(LocalTime t) {
    return java.time.LocalTime.of(t.getHours(), t.getMinutes());
  }

  static LocalTime time(java.time.LocalTime t) {
    return LocalTime.newBuilder().setHours(t.getHour()).setMinutes(t.getMinute()).build();
  }

  static io.meshdesk.api.reminder.v1.ReminderRule rule(ReminderRule r) {
    var b =
        io.meshdesk.api.reminder.v1.ReminderRule.newBuilder()
            .setId(r.id().toString())
            .setCardId(r.cardId().toString())
            .setKind(kind(r.kind()))
            .addAllDaysBefore(r.daysBefore())
            .setUtilizationThresholdBps(r.utilizationThresholdBps())
            .setChannel(channel(r.channel()))
            .setDestination(r.destination())
            .setTimeZone(r.zone().getId())
            .setCreatedAt(timestamp(r.createdAt()));
    r.quietHours()
        .ifPresent(q -> b.setQuietHoursStart(time(q.start())).setQuietHoursEnd(time(q.end())));
    if (r.createdBy() != null) {
      b.setCreatedBy(
          Actor.newBuilder().setKind(ActorKind.ACTOR_KIND_USER).setId(r.createdBy().toString()));
    }
    return b.build();
  }

  static io.meshdesk.api.reminder.v1.Delivery delivery(Delivery d) {
    var b =
        io.meshdesk.api.reminder.v1.Delivery.newBuilder()
            .setId(d.id().toString())
            .setRuleId(d.ruleId().toString())
            .setCardId(d.cardId().toString())
            .setKind(kind(d.kind()))
            .setChannel(channel(d.channel()))
            .setDestination(mask(d.destination()))
            .setAttempts(d.attempts())
            .setOutcome(outcome(d.status()))
            .setLastError(d.lastError() == null ? "" : d.lastError())
            .setDueAt(timestamp(d.dueAt()));
    d.firstAttemptAt().ifPresent(t -> b.setFirstAttemptAt(timestamp(t)));
    d.lastAttemptAt().ifPresent(t -> b.setLastAttemptAt(timestamp(t)));
    d.deliveredAt().ifPresent(t -> b.setDeliveredAt(timestamp(t)));
    if (d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.RETRYING) {
      b.setNextAttemptAt(timestamp(d.nextAttemptAt()));
    }
    d.latency()
        .ifPresent(
            l ->
                b.setLatency(
                    com.google.protobuf.Duration.newBuilder()
                        .setSeconds(l.getSeconds())
                        .setNanos(l.getNano())));
    return b.build();
  }

  static io.meshdesk.api.reminder.v1.DeadLetter deadLetter(DeadLetter x) {
    return io.meshdesk.api.reminder.v1.DeadLetter.newBuilder()
        .setId(x.id().toString())
        .setDelivery(delivery(x.delivery()))
        .setReason(x.reason())
        .setDeadLetteredAt(timestamp(x.deadLetteredAt()))
        .setRetryCount(x.retryCount())
        .build();
  }

  /** "a***@example.com" for e-mail, scheme and host only for URLs. */
  static String mask(String destination) {
    int at = destination.indexOf('@');
    if (at > 0 && !destination.contains("://")) {
      return destination.charAt(0) + "***" + destination.substring(at);
    }
    try {
      java.net.URI u = java.net.URI.create(destination);
      return u.getScheme() + "://" + u.getAuthority() + "/***";
    } catch (IllegalArgumentException e) {
      return "***";
    }
  }
}
