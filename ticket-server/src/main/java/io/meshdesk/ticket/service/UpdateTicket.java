package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change to a ticket at the version the caller last saw; an empty field stays as it is.
 *
 * @param teamId the new team ({@code ""}: no team)
 */
public record UpdateTicket(
    String ticketId,
    long expectedVersion,
    Optional<Status> status,
    Optional<Priority> priority,
    Optional<String> subject,
    Optional<List<String>> tags,
    Optional<Map<String, String>> customFields,
    Optional<String> teamId) {}
