package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketState;

/**
 * The outbox: events written in the transaction of the change they describe, each with the tenant's
 * next sequence number. Appending takes the tenant's counter row until commit, so append last.
 */
public interface TicketEvents {

  /**
   * Numbers the ticket inserted earlier in this transaction, appends its "created" event and
   * commits, in one step; sets the ticket's number. Must be the transaction's last step.
   */
  void createdAndCommit(TicketState created, Actor actor);

  /**
   * Appends an event about {@code after} (the ticket after the change).
   *
   * @param previousAssigneeId the assignee before the change, so streams of either see it
   * @param previousTeamId the team before the change
   */
  void append(
      TicketState after,
      String previousAssigneeId,
      String previousTeamId,
      Actor actor,
      TicketChange change);
}
