package io.meshdesk.ticket.domain;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who sees and changes what. Support staff see every ticket of their tenant, internal notes, AI
 * fields and history; a customer sees only the tickets they requested and their public comments. A
 * ticket a caller may not see is reported as not found, so its existence is not revealed.
 */
public final class Visibility {

  /** Roles a ticket can be assigned to. */
  public static final Set<Role> ASSIGNABLE = EnumSet.of(Role.AGENT, Role.MANAGER, Role.ADMIN);

  private Visibility() {}

  /** Whether a principal is support staff (sees internal notes, AI and all tickets). */
  public static boolean staff(Principal p) {
    return p.role() != Role.CUSTOMER;
  }

  /** Whether {@code p} may see a ticket requested by {@code requesterId}. */
  public static boolean maySee(Principal p, String requesterId) {
    return staff(p) || requesterId.equals(p.subject().toString());
  }

  /** Fails with PERMISSION_DENIED when a customer asks for internal notes. */
  public static void requireMayReadInternal(Principal p) {
    if (!staff(p)) {
      throw new PermissionDeniedException("customers cannot read internal notes");
    }
  }

  /**
   * The comments {@code p} is shown when asking for {@code requested}: staff what they ask for, a
   * customer public replies only; a customer asking for internal notes gets PERMISSION_DENIED.
   */
  public static CommentScope commentsShown(Principal p, CommentScope requested) {
    if (requested == CommentScope.INTERNAL) {
      requireMayReadInternal(p);
    }
    return staff(p) ? requested : CommentScope.PUBLIC;
  }

  /** Fails with PERMISSION_DENIED when a customer tries to write an internal note. */
  public static void requireMayWriteInternal(Principal p) {
    if (!staff(p)) {
      throw new PermissionDeniedException("customers may only add public comments");
    }
  }

  /** Fails with PERMISSION_DENIED when a customer asks for a ticket's history. */
  public static void requireMayReadHistory(Principal p) {
    if (!staff(p)) {
      throw new PermissionDeniedException("ticket history is for the support team");
    }
  }

  /**
   * Whom a ticket is opened for: the caller by default; a customer only for themselves
   * (PERMISSION_DENIED otherwise); staff for any customer, which the caller checks exists.
   */
  public static UUID requester(Principal p, UUID requested) {
    if (requested == null) {
      return p.subject();
    }
    if (p.role() == Role.CUSTOMER && !requested.equals(p.subject())) {
      throw new PermissionDeniedException("customers open tickets only for themselves");
    }
    return requested;
  }

  /**
   * Fails with PERMISSION_DENIED unless {@code p} may reassign a ticket now assigned to {@code
   * currentAssignee} (empty when unassigned): an agent only their own or unassigned work, managers
   * and admins any.
   */
  public static void requireMayReassign(Principal p, String currentAssignee) {
    if (p.role() == Role.AGENT
        && !currentAssignee.isEmpty()
        && !currentAssignee.equals(p.subject().toString())) {
      throw new PermissionDeniedException(
          "agents may reassign only tickets that are unassigned or assigned to them");
    }
  }
}
