package io.meshdesk.ticket.service;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.TicketTx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The field changes of one ticket update, written to the ticket's history in the order made. */
final class ChangeLog {

  private record Change(TicketChangeKind kind, String field, String oldValue, String newValue) {}

  private final List<Change> changes = new ArrayList<>();

  /** Notes that {@code field} went from {@code oldValue} to {@code newValue}. */
  void add(TicketChangeKind kind, String field, String oldValue, String newValue) {
    changes.add(new Change(kind, field, oldValue, newValue));
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  boolean changed(String field) {
    return changes.stream().anyMatch(c -> c.field().equals(field));
  }

  /** The names of the changed fields, for the event's field mask. */
  List<String> fields() {
    return changes.stream().map(Change::field).toList();
  }

  /** Appends one history entry per change, at the ticket's new version. */
  void write(TicketTx tx, String ticketId, Actor actor, long version) throws SQLException {
    for (Change c : changes) {
      HistoryStore.add(
          tx, ticketId, actor, c.kind(), c.field(), c.oldValue(), c.newValue(), version);
    }
  }
}
