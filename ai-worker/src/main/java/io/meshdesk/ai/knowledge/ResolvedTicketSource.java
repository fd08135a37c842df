package io.meshdesk.ai.knowledge;

import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import java.util.List;
import java.util.UUID;

/**
 * What the knowledge feed reads from the ticket server to learn from resolved tickets, acting in
 * one tenant. Failures surface as platform domain exceptions, never as transport types.
 */
public interface ResolvedTicketSource {

  /** One page of tickets. */
  ListTicketsResponse listTickets(UUID tenant, ListTicketsRequest request);

  /** Every public comment of a ticket, oldest first. */
  List<Comment> publicComments(UUID tenant, UUID ticketId);
}
