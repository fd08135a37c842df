package io.meshdesk.ticket.service;

/**
 * A change of a ticket's assignee at the version the caller last saw.
 *
 * @param assigneeId the new assignee ({@code ""}: unassigned)
 */
public record AssignTicket(String ticketId, long expectedVersion, String assigneeId) {}
