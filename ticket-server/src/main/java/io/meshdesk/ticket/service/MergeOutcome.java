package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.domain.TicketRecord;

/**
 * What a merge left behind, in the staff's view.
 *
 * @param duplicate the closed duplicate
 * @param target the surviving ticket
 * @param notification the public comment the requester got
 * @param replayed true when the request id matched an earlier merge and nothing changed
 */
public record MergeOutcome(
    TicketRecord duplicate, TicketRecord target, TicketComment notification, boolean replayed) {}
