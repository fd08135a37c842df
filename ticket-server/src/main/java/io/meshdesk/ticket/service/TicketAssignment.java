package io.meshdesk.ticket.service;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketAssigned;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.domain.UserDirectory;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.events.EventWire;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import java.util.UUID;

/** Assigning and unassigning tickets, with history and an outbox event. */
public final class TicketAssignment {

  private final TicketTransactions writes;
  private final UserDirectory users;
  private final Actors actors;

  public TicketAssignment(TicketTransactions writes, UserDirectory users, Actors actors) {
    this.writes = writes;
    this.users = users;
    this.actors = actors;
  }

  /**
   * Assigns or unassigns at the expected version. An agent reassigns only their own work: a ticket
   * that is unassigned or assigned to them (PERMISSION_DENIED otherwise); managers and admins any.
   */
  public Ticket assign(Principal p, AssignTicket r) {
    UUID tenant = p.requireTenant();
    Actor actor = EventWire.actor(actors.of(p));
    if (!r.assigneeId().isEmpty()
        && !users.exists(tenant, UUID.fromString(r.assigneeId()), Visibility.ASSIGNABLE)) {
      throw new InvalidArgumentException("assignee_id", "no such agent");
    }
    return writes.run(
        tenant,
        tx -> {
          TicketState s = TicketSteps.lockAtVersion(tx, r.ticketId(), r.expectedVersion());
          Ticket before = s.staffView();
          Visibility.requireMayReassign(p, before.getAssigneeId());
          Lifecycle.requireNotClosed(s.status());
          if (before.getAssigneeId().equals(r.assigneeId())) {
            return before;
          }
          long v = before.getVersion() + 1;
          s.ticket
              .setAssigneeId(r.assigneeId())
              .setVersion(v)
              .setUpdatedAt(ProtoTime.timestamp(tx.now()));
          TicketStore.update(tx.connection(), s, null);
          ChangeLog changes = new ChangeLog();
          changes.add(
              TicketChangeKind.TICKET_CHANGE_KIND_ASSIGNEE,
              "assignee_id",
              before.getAssigneeId(),
              r.assigneeId());
          changes.write(tx, before.getId(), actor, v);
          Outbox.append(
              tx,
              s,
              before.getAssigneeId(),
              before.getTeamId(),
              false,
              TicketEvent.newBuilder()
                  .setActor(actor)
                  .setTicketAssigned(
                      TicketAssigned.newBuilder()
                          .setPreviousAssigneeId(before.getAssigneeId())
                          .setAssigneeId(r.assigneeId())
                          .setTicket(s.ticket)),
              true);
          return s.staffView();
        });
  }
}
