package io.meshdesk.ticket.service;

/**
 * A request to merge a duplicate into the ticket that survives.
 *
 * @param duplicateId the ticket to close as a duplicate
 * @param targetId the ticket that survives
 * @param comment the public comment for the requester; empty for the standard one
 * @param requestId the caller's idempotency key; empty for none
 */
public record MergeTickets(String duplicateId, String targetId, String comment, String requestId) {}
