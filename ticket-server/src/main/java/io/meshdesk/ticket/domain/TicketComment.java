package io.meshdesk.ticket.domain;

import java.time.Instant;

/**
 * A reply or note on a ticket.
 *
 * @param internal whether only staff may read it (a note); otherwise a public reply
 * @param suggestionId the AI suggestion it is based on ({@code ""}: none)
 */
public record TicketComment(
    String id,
    String ticketId,
    Actor author,
    String body,
    boolean internal,
    String suggestionId,
    Instant createdAt) {}
