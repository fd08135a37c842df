package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.domain.PasswordHasher;
import io.meshdesk.identity.domain.Tenant;
import io.meshdesk.identity.domain.User;
import io.meshdesk.platform.auth.DatabaseTenantGate;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.redisson.api.RedissonClient;

/**
 * Tenants: create (with the first admin), list, suspend and reactivate. Platform admins only
 * (RBAC).
 */
public final class TenantService {

  private final IdentityTransactions tx;
  private final AuditLog audit;
  private final PasswordHasher hasher;
  private final RedissonClient redis;
  private final Clock clock;

  public TenantService(
      IdentityTransactions tx,
      AuditLog audit,
      PasswordHasher hasher,
      RedissonClient redis,
      Clock clock) {
    this.tx = tx;
    this.audit = audit;
    this.hasher = hasher;
    this.redis = redis;
    this.clock = clock;
  }

  /** A tenant and its first admin. */
  public record Created(Tenant tenant, User admin) {}

  /** Creates a tenant and its first admin in one transaction. */
  public Created create(
      Principal caller,
      String slug,
      String displayName,
      String timeZone,
      String adminEmail,
      String adminName,
      String adminPassword) {
    try {
      java.time.ZoneId.of(timeZone);
    } catch (java.time.DateTimeException e) {
      throw new io.meshdesk.platform.errors.InvalidArgumentException(
          "time_zone", "unknown time zone " + timeZone);
    }
    String hash = hasher.hash(adminPassword);
    Instant now = clock.instant();
    Tenant tenant =
        new Tenant(UUID.randomUUID(), slug, displayName, timeZone, true, now, null, null);
    User admin =
        new User(
            UUID.randomUUID(),
            tenant.id(),
            adminEmail.toLowerCase(Locale.ROOT),
            adminName,
            Role.ADMIN,
            true,
            List.of(),
            now,
            now,
            null,
            null);
    return tx.platform(
        platform -> {
          Actor actor = audit.actor(platform, caller);
          if (!platform.tenants().insert(tenant)) {
            throw new AlreadyExistsException("tenant slug " + slug + " is taken");
          }
          UnitOfWork unit = platform.enterTenant(tenant.id());
          unit.users().insert(admin, hash);
          audit.record(
              unit,
              tenant.id(),
              actor,
              "tenant.created",
              "tenant",
              tenant.id().toString(),
              Map.of("slug", slug));
          audit.record(
              unit,
              tenant.id(),
              actor,
              "user.created",
              "user",
              admin.id().toString(),
              Map.of("role", "admin"));
          return new Created(unit.tenants().find(tenant.id()).orElseThrow(), admin);
        });
  }

  /** Tenants oldest first; {@code active} null for any status. */
  public Page<Tenant> list(Boolean active, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    int offset = Page.offset(pageToken);
    return Page.of(tx.unscoped(u -> u.tenants().list(active, offset, size + 1)), offset, size);
  }

  /** One tenant. */
  public Tenant get(UUID id) {
    return tx.unscoped(u -> u.tenants().find(id))
        .orElseThrow(() -> new NotFoundException("tenant not found"));
  }

  /** Suspends a tenant; every instance refuses its tokens at once. */
  public Tenant suspend(Principal caller, UUID id, String reason) {
    return setStatus(caller, id, false, reason);
  }

  /** Reactivates a suspended tenant. */
  public Tenant reactivate(Principal caller, UUID id) {
    return setStatus(caller, id, true, null);
  }

  private Tenant setStatus(Principal caller, UUID id, boolean active, String reason) {
    Tenant t =
        tx.platform(
            unit -> {
              Actor actor = audit.actor(unit, caller);
              Tenant updated =
                  unit.tenants()
                      .setStatus(id, active, clock.instant(), reason)
                      .orElseThrow(() -> new NotFoundException("tenant not found"));
              audit.record(
                  unit,
                  id,
                  actor,
                  active ? "tenant.reactivated" : "tenant.suspended",
                  "tenant",
                  id.toString(),
                  reason == null ? Map.of() : Map.of("reason", reason));
              return updated;
            });
    DatabaseTenantGate.publishChange(redis, id);
    return t;
  }
}
