package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.AuditEvent;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.persistence.AuditStore;
import io.meshdesk.identity.persistence.IdentityTx;
import io.meshdesk.identity.persistence.ServiceAccountStore;
import io.meshdesk.identity.persistence.UserStore;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records identity and permission changes, append-only, and lists them to admins. */
public final class AuditLog {

  private final IdentityTx tx;
  private final AuditStore store = new AuditStore();
  private final Actors actors = new Actors(new UserStore(), new ServiceAccountStore());
  private final Clock clock;

  public AuditLog(IdentityTx tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** Appends an event inside the caller's transaction (so it commits with the change). */
  public void record(
      Connection c,
      UUID tenantId,
      Actor actor,
      String action,
      String targetType,
      String targetId,
      Map<String, String> details)
      throws SQLException {
    store.insert(
        c,
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

  /** The audit actor of a caller, with the display name as it is now (read through {@code c}). */
  Actor actor(Connection c, Principal caller) throws SQLException {
    return actors.of(c, caller);
  }

  /**
   * Events newest first: a tenant admin sees their tenant; a platform admin sees all, or one tenant
   * with {@code filter.tenantId}.
   */
  public Page<AuditEvent> list(
      Principal caller, AuditStore.Filter filter, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    int offset = Page.offset(pageToken);
    if (caller.role() == Role.PLATFORM_ADMIN) {
      return Page.of(tx.platform(c -> store.list(c, filter, offset, size + 1)), offset, size);
    }
    UUID tenant = caller.requireTenant();
    if (filter.tenantId() != null && !filter.tenantId().equals(tenant)) {
      throw new PermissionDeniedException("tenant_id may only be set by platform admins");
    }
    AuditStore.Filter own =
        new AuditStore.Filter(
            tenant, filter.action(), filter.actorId(), filter.from(), filter.until());
    return Page.of(tx.tenant(tenant, c -> store.list(c, own, offset, size + 1)), offset, size);
  }

  /** The events of one list in a test-friendly form. */
  public List<AuditEvent> all(Principal caller) {
    return list(caller, new AuditStore.Filter(null, null, null, null, null), 500, "").items();
  }
}
