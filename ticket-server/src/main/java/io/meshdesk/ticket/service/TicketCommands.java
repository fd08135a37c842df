package io.meshdesk.ticket.service;

import com.google.protobuf.FieldMask;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.AiStatus;
import io.meshdesk.api.ticket.v1.AssignTicketRequest;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.CreateTicketResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketAssigned;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.ai.AiJobs;
import io.meshdesk.ticket.domain.AutoAssigner;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.UserDirectory;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.SettingsStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.WriteTx;
import io.meshdesk.ticket.persistence.Writes;
import io.meshdesk.ticket.sla.SlaChecker;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Opening, changing and assigning tickets. Every change writes history and an outbox event; the
 * rules themselves (lifecycle, SLA, visibility) live in the domain package.
 */
public final class TicketCommands {

  private final Writes writes;
  private final UserDirectory users;
  private final Actors actors;
  private final AutoAssigner autoAssigner;

  public TicketCommands(
      Writes writes, UserDirectory users, Actors actors, AutoAssigner autoAssigner) {
    this.writes = writes;
    this.users = users;
    this.actors = actors;
    this.autoAssigner = autoAssigner;
  }

  /**
   * A request id as stored: scoped to the calling principal, so one caller can neither probe nor
   * squat another's key (issue #14 item 9); empty stays empty (no idempotency).
   */
  static String requestKey(Principal p, String requestId) {
    return requestId.isEmpty() ? "" : p.subject() + "/" + requestId;
  }

  /** Opens a ticket (idempotent on request_id per caller) and enqueues its AI job. */
  public CreateTicketResponse create(Principal p, CreateTicketRequest r) {
    UUID tenant = p.requireTenant();
    UUID requester = requester(p, tenant, r.getRequesterId());
    Actor actor = actors.of(p);
    String assignee =
        r.getTeamId().isEmpty()
            ? ""
            : autoAssigner
                .pick(tenant, UUID.fromString(r.getTeamId()))
                .map(UUID::toString)
                .orElse("");
    try {
      return writes.run(tenant, tx -> create(tx, p, r, requester, actor, assignee));
    } catch (RuntimeException e) {
      if (!r.getRequestId().isEmpty() && TicketRows.isUniqueViolation(e)) {
        // A concurrent retry with the same request id won: return its ticket.
        return writes.run(
            tenant,
            tx ->
                replay(
                    tx,
                    p,
                    actor,
                    TicketStore.findByRequestId(tx.connection(), requestKey(p, r.getRequestId()))
                        .orElseThrow(() -> e)));
      }
      throw e;
    }
  }

  private CreateTicketResponse create(
      WriteTx tx, Principal p, CreateTicketRequest r, UUID requester, Actor actor, String assignee)
      throws SQLException {
    if (!r.getRequestId().isEmpty()) {
      Optional<TicketState> existing =
          TicketStore.findByRequestId(tx.connection(), requestKey(p, r.getRequestId()));
      if (existing.isPresent()) {
        return replay(tx, p, actor, existing.get());
      }
    }
    if (!r.getTeamId().isEmpty() && !SettingsStore.teamExists(tx.connection(), r.getTeamId())) {
      throw new InvalidArgumentException("team_id", "no such team");
    }
    TicketPriority priority =
        r.getPriority() == TicketPriority.TICKET_PRIORITY_UNSPECIFIED
            ? TicketPriority.TICKET_PRIORITY_NORMAL
            : r.getPriority();
    Ticket.Builder t =
        Ticket.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setSubject(r.getSubject())
            .setBody(r.getBody())
            .setStatus(TicketStatus.TICKET_STATUS_NEW)
            .setPriority(priority)
            .setRequesterId(requester.toString())
            .setAssigneeId(assignee)
            .setTeamId(r.getTeamId())
            .addAllTags(r.getTagsList())
            .putAllCustomFields(new TreeMap<>(r.getCustomFieldsMap()))
            .setVersion(1)
            .setCreatedAt(ProtoTime.timestamp(tx.now()))
            .setUpdatedAt(ProtoTime.timestamp(tx.now()))
            .setAiStatus(AiStatus.AI_STATUS_PENDING);
    TicketState s = new TicketState(t, null, 0);
    s.setSlaClock(SlaClock.start(s.priority(), SettingsStore.targets(tx.connection()), tx.now()));
    // Ticket, "created" history entry and AI job in one round trip.
    TicketStore.insertNew(
        tx, s, requestKey(p, r.getRequestId()), actor, AiJobs.newJob(tx, t.getId(), 1));
    // Number, sequence, event and commit last, in one round trip: the tenant's counter row stays
    // locked only while PostgreSQL runs that statement.
    Outbox.appendCreatedAndCommit(
        tx, s, assignee, r.getTeamId(), TicketEvent.newBuilder().setActor(actor));
    return CreateTicketResponse.newBuilder()
        .setTicket(Visibility.staff(p) ? t.build() : s.customerView())
        .build();
  }

  /**
   * The answer to a retried create: the stored ticket in the caller's view, but only for the caller
   * that created it; anyone else reusing the key learns nothing about that ticket.
   */
  private CreateTicketResponse replay(WriteTx tx, Principal p, Actor actor, TicketState s)
      throws SQLException {
    String creator =
        TicketStore.createdBy(tx.connection(), UUID.fromString(s.ticket.getId())).orElse("");
    if (!creator.equals(actor.getId())) {
      throw new AlreadyExistsException("request_id already used by another caller");
    }
    return CreateTicketResponse.newBuilder()
        .setTicket(Visibility.staff(p) ? s.staffView() : s.customerView())
        .setReplayed(true)
        .build();
  }

  private UUID requester(Principal p, UUID tenant, String requesterId) {
    UUID id = Visibility.requester(p, requesterId.isEmpty() ? null : UUID.fromString(requesterId));
    if (requesterId.isEmpty() || p.role() == Role.CUSTOMER) {
      return id;
    }
    if (!users.exists(tenant, id, EnumSet.of(Role.CUSTOMER))) {
      throw new InvalidArgumentException("requester_id", "no such customer");
    }
    return id;
  }

  /** Changes fields present in the request at the expected version. */
  public Ticket update(Principal p, UpdateTicketRequest r) {
    UUID tenant = p.requireTenant();
    Actor actor = actors.of(p);
    return writes.run(
        tenant,
        tx -> {
          TicketState s = TicketRows.lockAtVersion(tx, r.getTicketId(), r.getExpectedVersion());
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
  private static ChangeLog applyChanges(WriteTx tx, TicketState s, UpdateTicketRequest r)
      throws SQLException {
    Ticket before = s.staffView();
    Ticket.Builder t = s.ticket;
    ChangeLog changes = new ChangeLog();
    if (r.hasStatus() && r.getStatus() != before.getStatus()) {
      Status to = Status.ofNumber(r.getStatusValue());
      Lifecycle.requireTransition(s.status(), to);
      TicketRows.applyStatus(s, to, tx);
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_STATUS,
          "status",
          before.getStatus().name(),
          r.getStatus().name());
    }
    if (r.hasPriority() && r.getPriority() != before.getPriority()) {
      Priority from = s.priority();
      Priority to = Priority.ofNumber(r.getPriorityValue());
      s.setPriority(to);
      s.setSlaClock(
          s.slaClock().reprioritised(s.status(), from, to, SettingsStore.targets(tx.connection())));
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_PRIORITY,
          "priority",
          before.getPriority().name(),
          r.getPriority().name());
    }
    if (r.hasSubject() && !r.getSubject().equals(before.getSubject())) {
      t.setSubject(r.getSubject());
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_SUBJECT,
          "subject",
          before.getSubject(),
          r.getSubject());
    }
    if (r.hasTags() && !r.getTags().getValuesList().equals(before.getTagsList())) {
      t.clearTags().addAllTags(r.getTags().getValuesList());
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_TAGS,
          "tags",
          String.join(",", before.getTagsList()),
          String.join(",", r.getTags().getValuesList()));
    }
    if (r.hasCustomFields()
        && !r.getCustomFields().getValuesMap().equals(before.getCustomFieldsMap())) {
      t.clearCustomFields().putAllCustomFields(new TreeMap<>(r.getCustomFields().getValuesMap()));
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_CUSTOM_FIELD,
          "custom_fields",
          before.getCustomFieldsMap().toString(),
          r.getCustomFields().getValuesMap().toString());
    }
    if (r.hasTeamId() && !r.getTeamId().equals(before.getTeamId())) {
      if (!r.getTeamId().isEmpty() && !SettingsStore.teamExists(tx.connection(), r.getTeamId())) {
        throw new InvalidArgumentException("team_id", "no such team");
      }
      t.setTeamId(r.getTeamId());
      changes.add(
          TicketChangeKind.TICKET_CHANGE_KIND_TEAM, "team_id", before.getTeamId(), r.getTeamId());
    }
    return changes;
  }

  /**
   * Assigns or unassigns at the expected version. An agent reassigns only their own work: a ticket
   * that is unassigned or assigned to them (PERMISSION_DENIED otherwise); managers and admins any.
   */
  public Ticket assign(Principal p, AssignTicketRequest r) {
    UUID tenant = p.requireTenant();
    Actor actor = actors.of(p);
    if (!r.getAssigneeId().isEmpty()
        && !users.exists(tenant, UUID.fromString(r.getAssigneeId()), Visibility.ASSIGNABLE)) {
      throw new InvalidArgumentException("assignee_id", "no such agent");
    }
    return writes.run(
        tenant,
        tx -> {
          TicketState s = TicketRows.lockAtVersion(tx, r.getTicketId(), r.getExpectedVersion());
          Ticket before = s.staffView();
          Visibility.requireMayReassign(p, before.getAssigneeId());
          Lifecycle.requireNotClosed(s.status());
          if (before.getAssigneeId().equals(r.getAssigneeId())) {
            return before;
          }
          long v = before.getVersion() + 1;
          s.ticket
              .setAssigneeId(r.getAssigneeId())
              .setVersion(v)
              .setUpdatedAt(ProtoTime.timestamp(tx.now()));
          TicketStore.update(tx.connection(), s, null);
          ChangeLog changes = new ChangeLog();
          changes.add(
              TicketChangeKind.TICKET_CHANGE_KIND_ASSIGNEE,
              "assignee_id",
              before.getAssigneeId(),
              r.getAssigneeId());
          changes.write(tx, before.getId(), actor, v);
          Outbox.append(
              tx,
              s,
              before.getAssigneeId(),
              before.getTeamId(),
              false,
              TicketEvent.newBuilder()
                  .setActor(actor)
                  .setTicketAssigned(
                      TicketAssigned.newBuilder()
                          .setPreviousAssigneeId(before.getAssigneeId())
                          .setAssigneeId(r.getAssigneeId())
                          .setTicket(s.ticket)),
              true);
          return s.staffView();
        });
  }
}
