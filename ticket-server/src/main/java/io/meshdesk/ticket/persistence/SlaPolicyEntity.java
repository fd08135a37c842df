package io.meshdesk.ticket.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The row of {@code ticket.sla_policies}: who last replaced the tenant's SLA targets, when, and how
 * often (the version). The tenant is the row's key, so a session finds only the row it asks for by
 * its own tenant; row-level security stands behind that as for every tenant table.
 */
@Entity
@Table(schema = "ticket", name = "sla_policies")
class SlaPolicyEntity {

  @Id
  @Column(name = "tenant_id")
  private UUID tenantId;

  private long version;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "updated_by_kind")
  private short updatedByKind;

  @Column(name = "updated_by_id")
  private String updatedById;

  @Column(name = "updated_by_name")
  private String updatedByName;

  protected SlaPolicyEntity() {}

  /** Records one more replacement of the targets. */
  void replaced(Instant at, int byKind, String byId, String byName) {
    version++;
    updatedAt = at;
    updatedByKind = (short) byKind;
    updatedById = byId;
    updatedByName = byName;
  }

  long version() {
    return version;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  int updatedByKind() {
    return updatedByKind;
  }

  String updatedById() {
    return updatedById;
  }

  String updatedByName() {
    return updatedByName;
  }
}
