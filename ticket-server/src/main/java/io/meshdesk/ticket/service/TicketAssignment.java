package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.domain.UserDirectory;
import io.meshdesk.ticket.domain.Visibility;
import java.util.UUID;

/** Assigning and unassigning tickets, with history and an outbox event. */
public final class TicketAssignment {

  private final TicketUnits units;
  private final UserDirectory users;
  private final Actors actors;

  public TicketAssignment(TicketUnits units, UserDirectory users, Actors actors) {
    this.units = units;
    this.users = users;
    this.actors = actors;
  }

  /**
   * Assigns or unassigns at the expected version; returns the staff view. An agent reassigns only
   * their own work: a ticket that is unassigned or assigned to them (PERMISSION_DENIED otherwise);
   * managers and admins any.
   */
  public TicketRecord assign(Principal p, AssignTicket r) {
    UUID tenant = p.requireTenant();
    Actor actor = actors.of(p);
    if (!r.assigneeId().isEmpty()
        && !users.exists(tenant, UUID.fromString(r.assigneeId()), Visibility.ASSIGNABLE)) {
      throw new InvalidArgumentException("assignee_id", "no such agent");
    }
    return units.write(
        tenant,
        unit -> {
          TicketState s = TicketSteps.lockAtVersion(unit, r.ticketId(), r.expectedVersion());
          TicketRecord before = s.record();
          Visibility.requireMayReassign(p, before.assigneeId());
          Lifecycle.requireNotClosed(s.status);
          if (before.assigneeId().equals(r.assigneeId())) {
            return before;
          }
          s.assigneeId = r.assigneeId();
          long v = s.nextVersion(unit.now());
          unit.tickets().update(s, null);
          unit.history()
              .add(
                  s.id,
                  actor,
                  ChangeKind.ASSIGNEE,
                  "assignee_id",
                  before.assigneeId(),
                  r.assigneeId(),
                  v);
          unit.events()
              .append(
                  s,
                  before.assigneeId(),
                  before.teamId(),
                  actor,
                  new TicketChange.Assigned(before.assigneeId(), r.assigneeId()));
          return s.record();
        });
  }
}
