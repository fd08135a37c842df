package io.meshdesk.ticket.domain;

/**
 * A listed item with its keyset position (the token of the page that follows it).
 *
 * @param position the item's place in its list
 */
public record Positioned<T>(long position, T value) {}
