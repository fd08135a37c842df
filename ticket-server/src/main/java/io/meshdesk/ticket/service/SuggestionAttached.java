package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.AiSuggestion;

/**
 * A suggestion as attaching it left it.
 *
 * @param replayed true when its job already had one and nothing changed
 */
public record SuggestionAttached(AiSuggestion suggestion, boolean replayed) {}
