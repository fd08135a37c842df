package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.AiSuggestion;
import io.meshdesk.ticket.domain.TicketRecord;
import java.util.Optional;

/**
 * One ticket as a reader sees it.
 *
 * @param ticket the ticket in the reader's view
 * @param latestSuggestion its latest AI suggestion, for staff only
 */
public record TicketDetail(TicketRecord ticket, Optional<AiSuggestion> latestSuggestion) {}
