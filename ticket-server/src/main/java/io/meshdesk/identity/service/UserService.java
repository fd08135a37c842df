package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.domain.PasswordHasher;
import io.meshdesk.identity.domain.User;
import io.meshdesk.identity.domain.UserRules;
import io.meshdesk.platform.auth.AccessChanges;
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
 * Users of the caller's tenant (always the token's tenant). Admins create any role, managers only
 * agents and customers; a user of another tenant is simply not found.
 */
public final class UserService {

  private final IdentityTransactions tx;
  private final AuditLog audit;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final RedissonClient redis;

  /**
   * @param redis where role changes and deactivations are announced, so open streams end at once
   */
  public UserService(
      IdentityTransactions tx,
      AuditLog audit,
      PasswordHasher hasher,
      RedissonClient redis,
      Clock clock) {
    this.tx = tx;
    this.redis = redis;
    this.audit = audit;
    this.hasher = hasher;
    this.clock = clock;
  }

  /** Creates a user; {@code password} null for one who cannot sign in yet. */
  public User create(
      Principal caller,
      String email,
      String displayName,
      Role role,
      String password,
      List<UUID> teams) {
    UUID tenant = caller.requireTenant();
    UserRules.requireMayCreate(caller.role(), role);
    String hash = password == null ? null : hasher.hash(password);
    Instant now = clock.instant();
    User user =
        new User(
            UUID.randomUUID(),
            tenant,
            email.toLowerCase(Locale.ROOT),
            displayName,
            role,
            true,
            teams,
            now,
            now,
            null,
            null);
    return tx.tenant(
        tenant,
        unit -> {
          if (!unit.users().insert(user, hash)) {
            throw new AlreadyExistsException("a user with this email exists in the tenant");
          }
          audit.record(
              unit,
              tenant,
              audit.actor(unit, caller),
              "user.created",
              "user",
              user.id().toString(),
              Map.of("role", role.claim()));
          return user;
        });
  }

  /** Changes a user's role (admins only, by RBAC). */
  public User setRole(Principal caller, UUID userId, Role role) {
    UUID tenant = caller.requireTenant();
    UserRules.requireTenantRole(role);
    User changed =
        tx.tenant(
            tenant,
            unit -> {
              User before =
                  unit.users()
                      .find(userId)
                      .orElseThrow(() -> new NotFoundException("user not found"));
              User after = unit.users().setRole(userId, role, clock.instant()).orElseThrow();
              audit.record(
                  unit,
                  tenant,
                  audit.actor(unit, caller),
                  "user.role_changed",
                  "user",
                  userId.toString(),
                  Map.of("old_role", before.role().claim(), "new_role", role.claim()));
              return after;
            });
    AccessChanges.publishUser(redis, userId); // streams opened under the old role end
    return changed;
  }

  /** Replaces a user's teams. */
  public User setTeams(Principal caller, UUID userId, List<UUID> teams) {
    UUID tenant = caller.requireTenant();
    return tx.tenant(
        tenant,
        unit -> {
          if (unit.users().find(userId).isEmpty()) {
            throw new NotFoundException("user not found");
          }
          User after = unit.users().setTeams(userId, teams, clock.instant()).orElseThrow();
          audit.record(
              unit,
              tenant,
              audit.actor(unit, caller),
              "user.teams_changed",
              "user",
              userId.toString(),
              Map.of("teams", teams.toString()));
          return after;
        });
  }

  /** Deactivates a user and revokes all their refresh tokens. */
  public User deactivate(Principal caller, UUID userId, String reason) {
    UUID tenant = caller.requireTenant();
    UserRules.requireMayDeactivate(caller.subject(), userId);
    User deactivated =
        tx.tenant(
            tenant,
            unit -> {
              if (unit.users().find(userId).isEmpty()) {
                throw new NotFoundException("user not found");
              }
              User after = unit.users().deactivate(userId, clock.instant()).orElseThrow();
              int revoked = unit.refreshTokens().revokeSubject(userId);
              audit.record(
                  unit,
                  tenant,
                  audit.actor(unit, caller),
                  "user.deactivated",
                  "user",
                  userId.toString(),
                  Map.of(
                      "reason",
                      reason == null ? "" : reason,
                      "revoked_sessions",
                      Integer.toString(revoked)));
              return after;
            });
    AccessChanges.publishUser(redis, userId); // their open streams end
    return deactivated;
  }

  /** One user of the caller's tenant. */
  public User get(Principal caller, UUID userId) {
    UUID tenant = caller.requireTenant();
    return tx.tenant(tenant, unit -> unit.users().find(userId))
        .orElseThrow(() -> new NotFoundException("user not found"));
  }

  /** Users of the caller's tenant by display name. */
  public Page<User> list(
      Principal caller,
      Role role,
      Boolean active,
      UUID team,
      String query,
      int pageSize,
      String token) {
    UUID tenant = caller.requireTenant();
    int size = Page.size(pageSize);
    int offset = Page.offset(token);
    return Page.of(
        tx.tenant(
            tenant,
            unit ->
                unit.users().list(new Users.Filter(role, active, team, query), offset, size + 1)),
        offset,
        size);
  }
}
