package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.TicketRecord;

/**
 * A ticket as opening it left it, in the caller's view.
 *
 * @param replayed true when the request id matched an earlier create and nothing changed
 */
public record TicketOpened(TicketRecord ticket, boolean replayed) {}
