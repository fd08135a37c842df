package io.meshdesk.ticket.service;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.AiStatus;
import io.meshdesk.api.ticket.v1.CreateTicketResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.ai.AiJobs;
import io.meshdesk.ticket.domain.AutoAssigner;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.UserDirectory;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.events.EventWire;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.SettingsStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import io.meshdesk.ticket.persistence.TicketTx;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Opening tickets: idempotent on the caller's request id, routed to a team's agent when auto-assign
 * picks one, with the SLA clock started, a "created" history entry, an outbox event and an AI job
 * written in the same transaction.
 */
public final class TicketOpening {

  private final TicketTransactions writes;
  private final UserDirectory users;
  private final Actors actors;
  private final AutoAssigner autoAssigner;

  public TicketOpening(
      TicketTransactions writes, UserDirectory users, Actors actors, AutoAssigner autoAssigner) {
    this.writes = writes;
    this.users = users;
    this.actors = actors;
    this.autoAssigner = autoAssigner;
  }

  /** Opens a ticket (idempotent on request_id per caller) and enqueues its AI job. */
  public CreateTicketResponse create(Principal p, CreateTicket r) {
    UUID tenant = p.requireTenant();
    UUID requester = requester(p, tenant, r.requesterId());
    Actor actor = EventWire.actor(actors.of(p));
    String assignee =
        r.teamId().isEmpty()
            ? ""
            : autoAssigner.pick(tenant, UUID.fromString(r.teamId())).map(UUID::toString).orElse("");
    try {
      return writes.run(tenant, tx -> create(tx, p, r, requester, actor, assignee));
    } catch (RuntimeException e) {
      if (!r.requestId().isEmpty() && TicketSteps.isUniqueViolation(e)) {
        // A concurrent retry with the same request id won: return its ticket.
        return writes.run(
            tenant,
            tx ->
                replay(
                    tx,
                    p,
                    actor,
                    TicketStore.findByRequestId(tx.connection(), RequestKeys.of(p, r.requestId()))
                        .orElseThrow(() -> e)));
      }
      throw e;
    }
  }

  private CreateTicketResponse create(
      TicketTx tx, Principal p, CreateTicket r, UUID requester, Actor actor, String assignee)
      throws SQLException {
    if (!r.requestId().isEmpty()) {
      Optional<TicketState> existing =
          TicketStore.findByRequestId(tx.connection(), RequestKeys.of(p, r.requestId()));
      if (existing.isPresent()) {
        return replay(tx, p, actor, existing.get());
      }
    }
    if (!r.teamId().isEmpty() && !SettingsStore.teamExists(tx.connection(), r.teamId())) {
      throw new InvalidArgumentException("team_id", "no such team");
    }
    TicketPriority priority = TicketPriority.forNumber(r.priority().number());
    Ticket.Builder t =
        Ticket.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setSubject(r.subject())
            .setBody(r.body())
            .setStatus(TicketStatus.TICKET_STATUS_NEW)
            .setPriority(priority)
            .setRequesterId(requester.toString())
            .setAssigneeId(assignee)
            .setTeamId(r.teamId())
            .addAllTags(r.tags())
            .putAllCustomFields(new TreeMap<>(r.customFields()))
            .setTransactionId(r.transactionId())
            .setVersion(1)
            .setCreatedAt(ProtoTime.timestamp(tx.now()))
            .setUpdatedAt(ProtoTime.timestamp(tx.now()))
            .setAiStatus(AiStatus.AI_STATUS_PENDING);
    TicketState s = new TicketState(t, null, 0);
    s.setSlaClock(SlaClock.start(s.priority(), SettingsStore.targets(tx.connection()), tx.now()));
    // Ticket, "created" history entry and AI job in one round trip.
    TicketStore.insertNew(
        tx, s, RequestKeys.of(p, r.requestId()), actor, AiJobs.newJob(tx, t.getId(), 1));
    // Number, sequence, event and commit last, in one round trip: the tenant's counter row stays
    // locked only while PostgreSQL runs that statement.
    Outbox.appendCreatedAndCommit(
        tx, s, assignee, r.teamId(), TicketEvent.newBuilder().setActor(actor));
    return CreateTicketResponse.newBuilder()
        .setTicket(Visibility.staff(p) ? t.build() : s.customerView())
        .build();
  }

  /**
   * The answer to a retried create: the stored ticket in the caller's view, but only for the caller
   * that created it; anyone else reusing the key learns nothing about that ticket.
   */
  private CreateTicketResponse replay(TicketTx tx, Principal p, Actor actor, TicketState s)
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
}
