package io.meshdesk.ticket.service;

import com.google.protobuf.FieldMask;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.events.EventWire;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.SettingsStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import io.meshdesk.ticket.persistence.TicketTx;
import io.meshdesk.ticket.sla.SlaChecker;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Changing a ticket's fields at the version the caller last saw: lifecycle transitions, SLA clock
 * on priority and status changes, one history entry per changed field and one outbox event.
 */
public final class TicketEditing {

  private final TicketTransactions writes;
  private final Actors actors;

  public TicketEditing(TicketTransactions writes, Actors actors) {
    this.writes = writes;
    this.actors = actors;
  }

  /** Changes fields present in the request at the expected version. */
  public Ticket update(Principal p, UpdateTicket r) {
    UUID tenant = p.requireTenant();
    Actor actor = EventWire.actor(actors.of(p));
    return writes.run(
        tenant,
        tx -> {
          TicketState s = TicketSteps.lockAtVersion(tx, r.ticketId(), r.expectedVersion());
          Ticket before = s.staffView();
          Lifecycle.requireNotClosed(s.status());
          ChangeLog changes = applyChanges(tx, s, r);
          if (changes.isEmpty()) {
            return before;
          }
          long v = before.getVersion() + 1;
          Ticket.Builder t = s.ticket.setVersion(v).setUpdatedAt(ProtoTime.timestamp(tx.now()));
          changes.write(tx, t.getId(), actor, v);
          boolean solved =
              t.getStatus() == TicketStatus.TICKET_STATUS_SOLVED
                  && before.getStatus() != TicketStatus.TICKET_STATUS_SOLVED;
          List<SlaClock.Breach> late = SlaChecker.flagLate(s, tx.now(), false, solved);
          if (changes.changed("subject")) {
            TicketStore.updateWithNewSubject(tx.connection(), s);
          } else {
            TicketStore.update(tx.connection(), s, null);
          }
          Outbox.append(
              tx,
              s,
              before.getAssigneeId(),
              before.getTeamId(),
              false,
              TicketEvent.newBuilder()
                  .setActor(actor)
                  .setTicketUpdated(
                      TicketUpdated.newBuilder()
                          .setChangedFields(FieldMask.newBuilder().addAllPaths(changes.fields()))
                          .setTicket(t)),
              true);
          SlaChecker.announce(tx, s, late);
          return t.build();
        });
  }

  /**
   * Applies the fields present in the request that differ from the ticket; returns what changed.
   */
  private static ChangeLog applyChanges(TicketTx tx, TicketState s, UpdateTicket r)
      throws SQLException {
    Ticket before = s.staffView();
    Ticket.Builder t = s.ticket;
    ChangeLog changes = new ChangeLog();
    if (r.status().isPresent() && r.status().get() != s.status()) {
      Status to = r.status().get();
      Lifecycle.requireTransition(s.status(), to);
      TicketSteps.applyStatus(s, to, tx);
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_STATUS,
          "status",
          before.getStatus().name(),
          TicketStatus.forNumber(to.number()).name());
    }
    if (r.priority().isPresent() && r.priority().get() != s.priority()) {
      Priority from = s.priority();
      Priority to = r.priority().get();
      s.setPriority(to);
      s.setSlaClock(
          s.slaClock().reprioritised(s.status(), from, to, SettingsStore.targets(tx.connection())));
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_PRIORITY,
          "priority",
          before.getPriority().name(),
          TicketPriority.forNumber(to.number()).name());
    }
    String subject = r.subject().orElse(before.getSubject());
    if (!subject.equals(before.getSubject())) {
      t.setSubject(subject);
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_SUBJECT, "subject", before.getSubject(), subject);
    }
    List<String> tags = r.tags().orElse(before.getTagsList());
    if (!tags.equals(before.getTagsList())) {
      t.clearTags().addAllTags(tags);
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_TAGS,
          "tags",
          String.join(",", before.getTagsList()),
          String.join(",", tags));
    }
    Map<String, String> fields = r.customFields().orElse(before.getCustomFieldsMap());
    if (!fields.equals(before.getCustomFieldsMap())) {
      t.clearCustomFields().putAllCustomFields(new TreeMap<>(fields));
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_CUSTOM_FIELD,
          "custom_fields",
          before.getCustomFieldsMap().toString(),
          fields.toString());
    }
    String team = r.teamId().orElse(before.getTeamId());
    if (!team.equals(before.getTeamId())) {
      if (!team.isEmpty() && !SettingsStore.teamExists(tx.connection(), team)) {
        throw new InvalidArgumentException("team_id", "no such team");
      }
      t.setTeamId(team);
      changes.add(TicketChangeKind.TICKET_CHANGE_KIND_TEAM, "team_id", before.getTeamId(), team);
    }
    return changes;
  }
}
