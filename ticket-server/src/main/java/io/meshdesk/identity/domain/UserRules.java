package io.meshdesk.identity.domain;

import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.util.Set;
import java.util.UUID;

/**
 * Who may give which role to a tenant user, and who may be deactivated. RBAC decides who may call
 * an operation at all; these rules decide what its arguments may be.
 */
public final class UserRules {

  private static final Set<Role> TENANT_ROLES =
      Set.of(Role.ADMIN, Role.MANAGER, Role.AGENT, Role.CUSTOMER);
  private static final Set<Role> MANAGER_MAY_CREATE = Set.of(Role.AGENT, Role.CUSTOMER);

  private UserRules() {}

  /** A tenant user's role is admin, manager, agent or customer (never a platform role). */
  public static void requireTenantRole(Role role) {
    if (!TENANT_ROLES.contains(role)) {
      throw new InvalidArgumentException("role", "role must be admin, manager, agent or customer");
    }
  }

  /** Admins create users of any tenant role; managers only agents and customers. */
  public static void requireMayCreate(Role creator, Role role) {
    requireTenantRole(role);
    if (creator == Role.MANAGER && !MANAGER_MAY_CREATE.contains(role)) {
      throw new PermissionDeniedException("managers may create only agents and customers");
    }
  }

  /** Nobody deactivates themselves. */
  public static void requireMayDeactivate(UUID caller, UUID user) {
    if (user.equals(caller)) {
      throw new InvalidArgumentException("user_id", "you cannot deactivate yourself");
    }
  }
}
