package io.meshdesk.ticket.domain;

import java.time.Instant;

/**
 * One entry of a ticket's append-only change history.
 *
 * @param field the changed field ({@code ""} when the kind says it all)
 * @param ticketVersion the ticket's version after the change
 */
public record HistoryEntry(
    String id,
    Actor actor,
    Instant occurredAt,
    ChangeKind kind,
    String field,
    String oldValue,
    String newValue,
    long ticketVersion) {}
