package io.meshdesk.ai.drafting;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a drafter may use for one ticket.
 *
 * @param tenantId tenant that owns the ticket; retrieval never crosses it
 * @param ticketId the ticket being drafted for
 * @param subject ticket subject
 * @param body the customer's description (first message)
 * @param tags ticket tags, possibly empty
 * @param toneGuidelines the tenant's tone guidelines for replies, possibly empty
 * @param context retrieved similar resolved tickets and knowledge-base articles, best first
 */
public record DraftRequest(
    UUID tenantId,
    UUID ticketId,
    String subject,
    String body,
    List<String> tags,
    String toneGuidelines,
    List<RetrievedDocument> context) {

  public DraftRequest {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(ticketId, "ticketId");
    subject = subject == null ? "" : subject;
    body = body == null ? "" : body;
    tags = tags == null ? List.of() : List.copyOf(tags);
    toneGuidelines = toneGuidelines == null ? "" : toneGuidelines;
    context = context == null ? List.of() : List.copyOf(context);
  }
}
