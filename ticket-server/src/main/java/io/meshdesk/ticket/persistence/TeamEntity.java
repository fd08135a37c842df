package io.meshdesk.ticket.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The row of {@code ticket.teams} as Hibernate maps it; the tenant comes from the session ({@code
 * TenantId}).
 */
@Entity
@Table(schema = "ticket", name = "teams")
class TeamEntity {

  @TenantId
  @Column(name = "tenant_id")
  private UUID tenantId;

  @Id private UUID id;

  private String name;

  private String description;

  @Column(name = "created_at")
  private Instant createdAt;

  protected TeamEntity() {}

  TeamEntity(UUID id, String name, String description, Instant createdAt) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.createdAt = createdAt;
  }

  UUID id() {
    return id;
  }

  String name() {
    return name;
  }

  String description() {
    return description;
  }

  Instant createdAt() {
    return createdAt;
  }
}
