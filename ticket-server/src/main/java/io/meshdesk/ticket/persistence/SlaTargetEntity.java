package io.meshdesk.ticket.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * One row of {@code ticket.sla_targets} (the targets of one priority) as Hibernate maps it; the
 * tenant comes from the session ({@code TenantId}).
 */
@Entity
@Table(schema = "ticket", name = "sla_targets")
class SlaTargetEntity {

  @TenantId
  @Column(name = "tenant_id")
  private UUID tenantId;

  @Id private short priority;

  @Column(name = "first_response_seconds")
  private long firstResponseSeconds;

  @Column(name = "resolution_seconds")
  private long resolutionSeconds;

  protected SlaTargetEntity() {}

  SlaTargetEntity(int priority, long firstResponseSeconds, long resolutionSeconds) {
    this.priority = (short) priority;
    this.firstResponseSeconds = firstResponseSeconds;
    this.resolutionSeconds = resolutionSeconds;
  }

  int priority() {
    return priority;
  }

  long firstResponseSeconds() {
    return firstResponseSeconds;
  }

  long resolutionSeconds() {
    return resolutionSeconds;
  }
}
