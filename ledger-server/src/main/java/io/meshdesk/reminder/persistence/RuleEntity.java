package io.meshdesk.reminder.persistence;

import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.QuietHours;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The row of {@code reminder.rule} as Hibernate maps it; the tenant comes from the session
 * ({@code @TenantId}). A deleted rule keeps its row with {@code deleted_at} set, because its
 * deliveries still name it.
 */
@Entity
@Table(schema = "reminder", name = "rule")
class RuleEntity {

  @TenantId
  @Column(name = "tenant_id")
  private UUID tenantId;

  @Id private UUID id;

  @Column(name = "card_id")
  private UUID cardId;

  @Enumerated(EnumType.STRING)
  private ReminderKind kind;

  @Column(name = "days_before")
  private Integer[] daysBefore;

  @Column(name = "utilization_threshold_bps")
  private int utilizationThresholdBps;

  @Enumerated(EnumType.STRING)
  private Channel channel;

  private String destination;

  @Column(name = "quiet_start")
  private LocalTime quietStart;

  @Column(name = "quiet_end")
  private LocalTime quietEnd;

  @Column(name = "time_zone")
  private String timeZone;

  @Column(name = "signing_secret")
  private String signingSecret;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "created_by")
  private UUID createdBy;

  @Column(name = "deleted_at")
  private Instant deletedAt;

  protected RuleEntity() {}

  static RuleEntity of(ReminderRule r) {
    RuleEntity e = new RuleEntity();
    e.id = r.id();
    e.cardId = r.cardId();
    e.kind = r.kind();
    e.daysBefore = r.daysBefore().toArray(Integer[]::new);
    e.utilizationThresholdBps = r.utilizationThresholdBps();
    e.channel = r.channel();
    e.destination = r.destination();
    e.quietStart = r.quietHours().map(QuietHours::start).orElse(null);
    e.quietEnd = r.quietHours().map(QuietHours::end).orElse(null);
    e.timeZone = r.zone().getId();
    e.signingSecret = r.signingSecret();
    e.createdAt = r.createdAt();
    e.createdBy = r.createdBy();
    return e;
  }

  boolean deleted() {
    return deletedAt != null;
  }

  void delete(Instant at) {
    deletedAt = at;
  }

  ReminderRule toRule() {
    ZoneId zone = ZoneId.of(timeZone);
    Optional<QuietHours> quiet =
        quietStart == null
            ? Optional.empty()
            : Optional.of(new QuietHours(quietStart, quietEnd, zone));
    return new ReminderRule(
        id,
        cardId,
        kind,
        Arrays.asList(daysBefore),
        utilizationThresholdBps,
        channel,
        destination,
        quiet,
        zone,
        signingSecret,
        createdAt,
        createdBy);
  }
}
