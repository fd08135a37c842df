package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.CommentScope;
import io.meshdesk.ticket.domain.Positioned;
import io.meshdesk.ticket.domain.TicketComment;
import java.util.List;
import java.util.Optional;

/** Comments on the tenant's tickets, in the unit's transaction. */
public interface Comments {

  /** Adds a comment, at the transaction's time; {@code requestKey} {@code ""} for none. */
  void add(TicketComment comment, String requestKey);

  /** The comment added to a ticket with a stored request key. */
  Optional<TicketComment> byRequestKey(String ticketId, String requestKey);

  /** Comments of a ticket in scope after a position, oldest first, at most {@code limit}. */
  List<Positioned<TicketComment>> list(String ticketId, CommentScope scope, long after, int limit);
}
