package io.meshdesk.ticket.service;

/**
 * A reply or note on a ticket.
 *
 * @param internal whether only staff may read it (a note); otherwise a public reply
 * @param suggestionId the AI suggestion the comment is based on ({@code ""}: none)
 * @param requestId the caller's idempotency key ({@code ""}: none)
 */
public record AddComment(
    String ticketId, String body, boolean internal, String suggestionId, String requestId) {}
