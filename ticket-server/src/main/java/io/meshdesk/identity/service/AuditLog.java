package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.AuditEvent;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records identity and permission changes, append-only, and lists them to admins. */
public final class AuditLog {

  private final IdentityTransactions tx;
  private final Clock clock;

  public AuditLog(IdentityTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** Appends an event inside the unit's transaction (so it commits with the change). */
  public void record(
      UnitOfWork unit,
      UUID tenantId,
      Actor actor,
      String action,
      String targetType,
      String targetId,
      Map<String, String> details) {
    unit.audit()
        .append(
            new AuditEvent(
                UUID.randomUUID(),
                tenantId,
                actor,
                action,
                targetType,
                targetId,
                clock.instant(),
                details));
  }

  /** The audit actor of a caller, with the display name as it is now (read in the unit's scope). */
  Actor actor(UnitOfWork unit, Principal caller) {
    return Actors.of(unit, caller);
  }

  /**
   * Events newest first: a tenant admin sees their tenant; a platform admin sees all, or one tenant
   * with {@code filter.tenantId}.
   */
  public Page<AuditEvent> list(
      Principal caller, AuditTrail.Filter filter, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    int offset = Page.offset(pageToken);
    if (caller.role() == Role.PLATFORM_ADMIN) {
      return Page.of(tx.platform(u -> u.audit().list(filter, offset, size + 1)), offset, size);
    }
    UUID tenant = caller.requireTenant();
    if (filter.tenantId() != null && !filter.tenantId().equals(tenant)) {
      throw new PermissionDeniedException("tenant_id may only be set by platform admins");
    }
    AuditTrail.Filter own =
        new AuditTrail.Filter(
            tenant, filter.action(), filter.actorId(), filter.from(), filter.until());
    return Page.of(tx.tenant(tenant, u -> u.audit().list(own, offset, size + 1)), offset, size);
  }

  /** The events of one list in a test-friendly form. */
  public List<AuditEvent> all(Principal caller) {
    return list(caller, AuditTrail.Filter.none(), 500, "").items();
  }
}
