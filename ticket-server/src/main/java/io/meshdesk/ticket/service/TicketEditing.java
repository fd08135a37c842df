package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Changing a ticket's fields at the version the caller last saw: lifecycle transitions, SLA clock
 * on priority and status changes, one history entry per changed field and one outbox event.
 */
public final class TicketEditing {

  private final TicketUnits units;
  private final Actors actors;

  public TicketEditing(TicketUnits units, Actors actors) {
    this.units = units;
    this.actors = actors;
  }

  /** Changes fields present in the request at the expected version; returns the staff view. */
  public TicketRecord update(Principal p, UpdateTicket r) {
    UUID tenant = p.requireTenant();
    Actor actor = actors.of(p);
    return units.write(
        tenant,
        unit -> {
          TicketState s = TicketSteps.lockAtVersion(unit, r.ticketId(), r.expectedVersion());
          TicketRecord before = s.record();
          Lifecycle.requireNotClosed(s.status);
          ChangeLog changes = applyChanges(unit, s, r);
          if (changes.isEmpty()) {
            return before;
          }
          long v = s.nextVersion(unit.now());
          changes.write(unit.history(), s.id, actor, v);
          boolean solved = s.status == Status.SOLVED && before.status() != Status.SOLVED;
          List<SlaClock.Breach> late = s.flagLate(unit.now(), false, solved);
          if (changes.changed("subject")) {
            unit.tickets().updateWithNewSubject(s);
          } else {
            unit.tickets().update(s, null);
          }
          unit.events()
              .append(
                  s,
                  before.assigneeId(),
                  before.teamId(),
                  actor,
                  new TicketChange.Updated(changes.fields()));
          TicketSteps.announce(unit, s, late);
          return s.record();
        });
  }

  /**
   * Applies the fields present in the request that differ from the ticket; returns what changed.
   */
  private static ChangeLog applyChanges(TicketUnit unit, TicketState s, UpdateTicket r) {
    TicketRecord before = s.record();
    ChangeLog changes = new ChangeLog();
    if (r.status().isPresent() && r.status().get() != s.status) {
      Status to = r.status().get();
      Lifecycle.requireTransition(s.status, to);
      s.applyStatus(to, unit.now());
      changes.add(
          ChangeKind.STATUS, "status", TicketSteps.name(before.status()), TicketSteps.name(to));
    }
    if (r.priority().isPresent() && r.priority().get() != s.priority) {
      Priority from = s.priority;
      Priority to = r.priority().get();
      s.priority = to;
      s.setSlaClock(s.slaClock().reprioritised(s.status, from, to, unit.slaTargets()));
      changes.add(ChangeKind.PRIORITY, "priority", TicketSteps.name(from), TicketSteps.name(to));
    }
    String subject = r.subject().orElse(before.subject());
    if (!subject.equals(before.subject())) {
      s.subject = subject;
      changes.add(ChangeKind.SUBJECT, "subject", before.subject(), subject);
    }
    List<String> tags = r.tags().orElse(before.tags());
    if (!tags.equals(before.tags())) {
      s.tags = List.copyOf(tags);
      changes.add(ChangeKind.TAGS, "tags", String.join(",", before.tags()), String.join(",", tags));
    }
    Map<String, String> fields = r.customFields().orElse(before.customFields());
    if (!fields.equals(before.customFields())) {
      s.customFields = new TreeMap<>(fields);
      changes.add(
          ChangeKind.CUSTOM_FIELD,
          "custom_fields",
          before.customFields().toString(),
          fields.toString());
    }
    String team = r.teamId().orElse(before.teamId());
    if (!team.equals(before.teamId())) {
      if (!team.isEmpty() && !unit.teamExists(team)) {
        throw new InvalidArgumentException("team_id", "no such team");
      }
      s.teamId = team;
      changes.add(ChangeKind.TEAM, "team_id", before.teamId(), team);
    }
    return changes;
  }
}
