package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant's tickets, in the unit's transaction. */
public interface Tickets {

  /** One page of a list, with the token of the next one ({@code ""}: last page). */
  record Page(List<TicketRecord> tickets, String nextPageToken) {}

  /** A ticket. */
  Optional<TicketState> find(String id);

  /** A ticket, locked until the transaction ends. */
  Optional<TicketState> lock(String id);

  /** The ticket opened with a stored request key. */
  Optional<TicketState> byRequestKey(String requestKey);

  /** The id of the actor that opened a ticket, from its "created" history entry. */
  Optional<String> createdBy(String id);

  /**
   * Inserts a new, not yet numbered ticket with its "created" history entry by {@code creator} and
   * a pending AI job for its first version.
   */
  void insertNew(TicketState ticket, String requestKey, Actor creator);

  /** Writes the ticket back; {@code publicText} (a public reply, or null) becomes searchable. */
  void update(TicketState ticket, String publicText);

  /** Writes the ticket back after its subject changed, re-indexing it for search. */
  void updateWithNewSubject(TicketState ticket);

  /** A page of tickets; {@code requester} (customers) restricts it to one requester. */
  Page list(TicketQuery query, UUID requester);
}
