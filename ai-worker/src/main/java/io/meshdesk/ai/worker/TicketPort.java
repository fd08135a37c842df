package io.meshdesk.ai.worker;

import io.meshdesk.api.ticket.v1.AppendSuggestionDraftRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionResponse;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableRequest;
import java.util.List;
import java.util.UUID;

/**
 * What the worker needs from the ticket server, acting in one tenant with the worker's service
 * token. Failures surface as platform domain exceptions ({@code NotFoundException}, {@code
 * UnavailableException}, {@code PermissionDeniedException}...), never as transport types.
 */
public interface TicketPort {

  /** The ticket with its latest suggestion. */
  GetTicketResponse getTicket(UUID tenant, UUID ticketId);

  /** Streams one draft chunk to agents; false when the server dropped it. */
  boolean appendDraft(UUID tenant, AppendSuggestionDraftRequest request);

  /** Attaches a suggestion (idempotent on job id). */
  AttachSuggestionResponse attach(UUID tenant, AttachSuggestionRequest request);

  /** Records that no suggestion will come for a job (idempotent on job id). */
  void markUnavailable(UUID tenant, MarkAiUnavailableRequest request);

  /** One page of tickets. */
  ListTicketsResponse listTickets(UUID tenant, ListTicketsRequest request);

  /** Every public comment of a ticket, oldest first. */
  List<Comment> publicComments(UUID tenant, UUID ticketId);
}
