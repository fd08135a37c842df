package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.Priority;
import java.util.List;
import java.util.Map;

/**
 * A request to open a ticket.
 *
 * @param requestId the caller's idempotency key ({@code ""}: none)
 * @param requesterId the customer the ticket is for ({@code ""}: the caller)
 * @param teamId the team to route to ({@code ""}: none)
 * @param transactionId the card transaction the ticket is about ({@code ""}: none)
 */
public record CreateTicket(
    String requestId,
    String subject,
    String body,
    Priority priority,
    String requesterId,
    String teamId,
    List<String> tags,
    Map<String, String> customFields,
    String transactionId) {

  public CreateTicket {
    tags = List.copyOf(tags);
    customFields = Map.copyOf(customFields);
  }
}
