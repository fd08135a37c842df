package io.meshdesk.ticket.events;

import io.meshdesk.api.ticket.v1.EventFilter;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketQueue;
import io.meshdesk.ticket.persistence.RoutedEvent;
import io.meshdesk.ticket.wire.TicketWire;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see an event and whether it matches a stream's filter. Customers see only events of
 * tickets they requested, never staff-only events (internal notes, AI, SLA), and their view of the
 * ticket has no AI fields.
 *
 * @param subject the subscriber's user id
 * @param customer whether the subscriber is a customer
 */
public record EventRules(
    UUID subject, boolean customer, EventFilter filter, Set<String> ticketIds) {

  /** Rules for a subscriber with a filter. */
  public static EventRules of(UUID subject, boolean customer, EventFilter filter) {
    return new EventRules(subject, customer, filter, Set.copyOf(filter.getTicketIdsList()));
  }

  /** The event as this subscriber sees it, or null when it must not receive it. */
  public TicketEvent view(RoutedEvent env) {
    TicketEvent e = env.event();
    if (e.hasSuggestionDraftChunk() && (!filter.getIncludeSuggestionDrafts() || customer)) {
      return null;
    }
    if (!ticketIds.isEmpty() && !ticketIds.contains(e.getTicketId())) {
      return null;
    }
    if (!inQueue(env)) {
      return null;
    }
    if (!customer) {
      return e;
    }
    if (env.staffOnly() || !env.requesterId().equals(subject.toString())) {
      return null;
    }
    return customerView(env);
  }

  private boolean inQueue(RoutedEvent env) {
    TicketQueue q = filter.getQueue();
    String me = subject.toString();
    return switch (q) {
      case TICKET_QUEUE_MINE -> me.equals(env.assigneeId()) || me.equals(env.previousAssigneeId());
      case TICKET_QUEUE_UNASSIGNED ->
          env.assigneeId().isEmpty() || env.previousAssigneeId().isEmpty();
      case TICKET_QUEUE_TEAM ->
          filter.getTeamId().equals(env.teamId())
              || filter.getTeamId().equals(env.previousTeamId());
      default -> true;
    };
  }

  private static TicketEvent customerView(RoutedEvent env) {
    TicketEvent e = env.event();
    int count = env.publicCommentCount();
    TicketEvent.Builder b = e.toBuilder();
    if (e.hasTicketCreated()) {
      b.getTicketCreatedBuilder()
          .setTicket(TicketWire.customerView(e.getTicketCreated().getTicket(), count));
    } else if (e.hasTicketUpdated()) {
      b.getTicketUpdatedBuilder()
          .setTicket(TicketWire.customerView(e.getTicketUpdated().getTicket(), count));
    } else if (e.hasTicketAssigned()) {
      b.getTicketAssignedBuilder()
          .setTicket(TicketWire.customerView(e.getTicketAssigned().getTicket(), count));
    }
    return b.build();
  }
}
