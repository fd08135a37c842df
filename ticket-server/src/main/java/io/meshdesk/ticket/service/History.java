package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.HistoryEntry;
import io.meshdesk.ticket.domain.Positioned;
import java.util.List;

/** The append-only change history of the tenant's tickets, in the unit's transaction. */
public interface History {

  /** Appends one entry at the transaction's time. */
  void add(
      String ticketId,
      Actor actor,
      ChangeKind kind,
      String field,
      String oldValue,
      String newValue,
      long ticketVersion);

  /** Entries of a ticket after a position, oldest first, at most {@code limit}. */
  List<Positioned<HistoryEntry>> list(String ticketId, long after, int limit);
}
