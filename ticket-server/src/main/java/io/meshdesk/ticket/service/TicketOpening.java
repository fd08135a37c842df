package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.AiStatus;
import io.meshdesk.ticket.domain.AutoAssigner;
import io.meshdesk.ticket.domain.Sentiment;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.domain.UserDirectory;
import io.meshdesk.ticket.domain.Visibility;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;

/**
 * Opening tickets: idempotent on the caller's request id, routed to a team's agent when auto-assign
 * picks one, with the SLA clock started, a "created" history entry, an outbox event and an AI job
 * written in the same transaction.
 */
public final class TicketOpening {

  private final TicketUnits units;
  private final UserDirectory users;
  private final Actors actors;
  private final AutoAssigner autoAssigner;

  public TicketOpening(
      TicketUnits units, UserDirectory users, Actors actors, AutoAssigner autoAssigner) {
    this.units = units;
    this.users = users;
    this.actors = actors;
    this.autoAssigner = autoAssigner;
  }

  /** Opens a ticket (idempotent on request_id per caller) and enqueues its AI job. */
  public TicketOpened create(Principal p, CreateTicket r) {
    UUID tenant = p.requireTenant();
    UUID requester = requester(p, tenant, r.requesterId());
    Actor actor = actors.of(p);
    String assignee =
        r.teamId().isEmpty()
            ? ""
            : autoAssigner.pick(tenant, UUID.fromString(r.teamId())).map(UUID::toString).orElse("");
    String key = RequestKeys.of(p, r.requestId());
    try {
      return units.write(tenant, unit -> create(unit, p, r, key, requester, actor, assignee));
    } catch (RuntimeException e) {
      if (!key.isEmpty() && units.isDuplicateKey(e)) {
        // A concurrent retry with the same request id won: return its ticket.
        return units.write(
            tenant,
            unit -> replay(unit, p, actor, unit.tickets().byRequestKey(key).orElseThrow(() -> e)));
      }
      throw e;
    }
  }

  private TicketOpened create(
      TicketUnit unit,
      Principal p,
      CreateTicket r,
      String key,
      UUID requester,
      Actor actor,
      String assignee) {
    if (!key.isEmpty()) {
      Optional<TicketState> existing = unit.tickets().byRequestKey(key);
      if (existing.isPresent()) {
        return replay(unit, p, actor, existing.get());
      }
    }
    if (!r.teamId().isEmpty() && !unit.teamExists(r.teamId())) {
      throw new InvalidArgumentException("team_id", "no such team");
    }
    TicketState s =
        new TicketState(
            new TicketRecord(
                UUID.randomUUID().toString(),
                0,
                r.subject(),
                r.body(),
                Status.NEW,
                r.priority(),
                requester.toString(),
                assignee,
                r.teamId(),
                r.tags(),
                r.customFields(),
                1,
                unit.now(),
                unit.now(),
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                AiStatus.PENDING,
                "",
                "",
                Sentiment.UNSPECIFIED,
                "",
                0,
                0,
                null,
                r.transactionId()));
    s.setSlaClock(SlaClock.start(s.priority, unit.slaTargets(), unit.now()));
    // Ticket, "created" history entry and AI job in one round trip.
    unit.tickets().insertNew(s, key, actor);
    // Number, sequence, event and commit last, in one round trip: the tenant's counter row stays
    // locked only while PostgreSQL runs that statement.
    unit.events().createdAndCommit(s, actor);
    return new TicketOpened(s.record().viewFor(Visibility.staff(p)), false);
  }

  /**
   * The answer to a retried create: the stored ticket in the caller's view, but only for the caller
   * that created it; anyone else reusing the key learns nothing about that ticket.
   */
  private static TicketOpened replay(TicketUnit unit, Principal p, Actor actor, TicketState s) {
    String creator = unit.tickets().createdBy(s.id).orElse("");
    if (!creator.equals(actor.id())) {
      throw new AlreadyExistsException("request_id already used by another caller");
    }
    return new TicketOpened(s.record().viewFor(Visibility.staff(p)), true);
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
