package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ChangeKind;
import java.util.ArrayList;
import java.util.List;

/** The field changes of one ticket update, written to the ticket's history in the order made. */
final class ChangeLog {

  private record Change(ChangeKind kind, String field, String oldValue, String newValue) {}

  private final List<Change> changes = new ArrayList<>();

  /** Notes that {@code field} went from {@code oldValue} to {@code newValue}. */
  void add(ChangeKind kind, String field, String oldValue, String newValue) {
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
  void write(History history, String ticketId, Actor actor, long version) {
    for (Change c : changes) {
      history.add(ticketId, actor, c.kind(), c.field(), c.oldValue(), c.newValue(), version);
    }
  }
}
