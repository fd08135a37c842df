package io.meshdesk.ai.worker;

import io.meshdesk.ai.knowledge.ResolvedTicketSource;
import io.meshdesk.api.ticket.v1.AppendSuggestionDraftRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionResponse;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableRequest;
import java.util.UUID;

/**
 * What the worker needs from the ticket server (besides what the knowledge feed reads), acting in
 * one tenant with the worker's service token. Failures surface as platform domain exceptions
 * ({@code NotFoundException}, {@code UnavailableException}, {@code PermissionDeniedException}...),
 * never as transport types.
 */
public interface TicketPort extends ResolvedTicketSource {

  /** The ticket with its latest suggestion. */
  GetTicketResponse getTicket(UUID tenant, UUID ticketId);

  /** Streams one draft chunk to agents; false when the server dropped it. */
  boolean appendDraft(UUID tenant, AppendSuggestionDraftRequest request);

  /** Attaches a suggestion (idempotent on job id). */
  AttachSuggestionResponse attach(UUID tenant, AttachSuggestionRequest request);

  /** Records that no suggestion will come for a job (idempotent on job id). */
  void markUnavailable(UUID tenant, MarkAiUnavailableRequest request);
}
