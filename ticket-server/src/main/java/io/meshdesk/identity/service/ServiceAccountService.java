package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.domain.Secrets;
import io.meshdesk.identity.domain.ServiceAccount;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.NotFoundException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Service accounts. A tenant admin's accounts belong to the tenant; a platform admin's are platform
 * accounts (e.g. the AI worker) that may ask for tokens in any tenant. Client ids are {@code
 * <tenant id | "platform">.<name>}; only a SHA-256 of the secret is kept.
 */
public final class ServiceAccountService {

  private final IdentityTransactions tx;
  private final AuditLog audit;
  private final Clock clock;

  public ServiceAccountService(IdentityTransactions tx, AuditLog audit, Clock clock) {
    this.tx = tx;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new account and its secret, shown once. */
  public record Created(ServiceAccount account, String clientSecret) {}

  /** Creates an account in the caller's scope; every permission must be grantable. */
  public Created create(
      Principal caller, String name, String description, Set<String> permissions) {
    Set<String> unknown = new TreeSet<>(permissions);
    unknown.removeAll(Rbac.serviceGrantable());
    if (!unknown.isEmpty()) {
      throw new InvalidArgumentException(
          "permissions", "not grantable to service accounts: " + String.join(", ", unknown));
    }
    UUID tenant = scope(caller);
    String secret = Secrets.random(32);
    String clientId = (tenant == null ? "platform" : tenant.toString()) + "." + name;
    return tx.scoped(
        tenant,
        unit -> {
          Actor actor = audit.actor(unit, caller);
          ServiceAccount sa =
              new ServiceAccount(
                  UUID.randomUUID(),
                  tenant,
                  clientId,
                  name,
                  description == null ? "" : description,
                  permissions,
                  clock.instant(),
                  actor,
                  null,
                  null);
          if (!unit.serviceAccounts().insert(sa, Secrets.sha256(secret))) {
            throw new AlreadyExistsException("a service account named " + name + " exists");
          }
          audit.record(
              unit,
              tenant,
              actor,
              "service_account.created",
              "service_account",
              sa.id().toString(),
              Map.of(
                  "permissions",
                  String.join(",", new TreeSet<>(permissions)),
                  "client_id",
                  clientId));
          return new Created(sa, secret);
        });
  }

  /** Accounts of the caller's scope by name. */
  public Page<ServiceAccount> list(
      Principal caller, boolean includeRevoked, int pageSize, String token) {
    UUID tenant = scope(caller);
    int size = Page.size(pageSize);
    int offset = Page.offset(token);
    return Page.of(
        tx.scoped(
            tenant,
            u -> u.serviceAccounts().list(tenant == null, includeRevoked, offset, size + 1)),
        offset,
        size);
  }

  /** Revokes an account of the caller's scope. */
  public ServiceAccount revoke(Principal caller, UUID id, String reason) {
    UUID tenant = scope(caller);
    return tx.scoped(
        tenant,
        unit -> {
          if (unit.serviceAccounts().find(id, tenant == null).isEmpty()) {
            throw new NotFoundException("service account not found");
          }
          ServiceAccount sa =
              unit.serviceAccounts().revoke(id, tenant == null, clock.instant()).orElseThrow();
          audit.record(
              unit,
              tenant,
              audit.actor(unit, caller),
              "service_account.revoked",
              "service_account",
              id.toString(),
              Map.of("reason", reason == null ? "" : reason));
          return sa;
        });
  }

  private static UUID scope(Principal caller) {
    return caller.role() == Role.PLATFORM_ADMIN ? null : caller.requireTenant();
  }
}
