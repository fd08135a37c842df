package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.domain.Visibility;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Public replies and internal notes. A requester's reply reopens a pending or solved ticket; the
 * support team's first public reply records the first response (SLA) and opens a new ticket.
 */
public final class CommentCommands {

  private final TicketUnits units;
  private final Actors actors;

  public CommentCommands(TicketUnits units, Actors actors) {
    this.units = units;
    this.actors = actors;
  }

  /** Adds a comment (idempotent on request_id). */
  public CommentAdded add(Principal p, AddComment r) {
    UUID tenant = p.requireTenant();
    if (r.internal()) {
      Visibility.requireMayWriteInternal(p);
    }
    Actor actor = actors.of(p);
    try {
      return units.write(tenant, unit -> add(unit, p, r, actor));
    } catch (RuntimeException e) {
      if (!r.requestId().isEmpty() && units.isDuplicateKey(e)) {
        // A concurrent retry with the same request id won: answer as a replay of it.
        return units.write(tenant, unit -> add(unit, p, r, actor));
      }
      throw e;
    }
  }

  private static CommentAdded add(TicketUnit unit, Principal p, AddComment r, Actor actor) {
    boolean staff = Visibility.staff(p);
    boolean internal = r.internal();
    TicketState s =
        unit.tickets()
            .lock(r.ticketId())
            .filter(t -> Visibility.maySee(p, t.requesterId))
            .orElseThrow(() -> new NotFoundException("ticket " + r.ticketId() + " not found"));
    if (!r.requestId().isEmpty()) {
      Optional<TicketComment> existing =
          unit.comments().byRequestKey(r.ticketId(), RequestKeys.of(p, r.requestId()));
      if (existing.isPresent()) {
        if (!existing.get().author().id().equals(actor.id())) {
          throw new AlreadyExistsException("request_id already used by another caller");
        }
        return new CommentAdded(existing.get(), s.record().viewFor(staff));
      }
    }
    TicketRecord before = s.record();
    Lifecycle.requireNotClosed(s.status);
    TicketComment comment =
        new TicketComment(
            UUID.randomUUID().toString(),
            r.ticketId(),
            actor,
            r.body(),
            internal,
            r.suggestionId(),
            unit.now());
    unit.comments().add(comment, RequestKeys.of(p, r.requestId()));
    s.commentCount++;
    long v = s.nextVersion(unit.now());
    Status oldStatus = s.status;
    Status newStatus = oldStatus;
    if (!internal) {
      s.publicCommentCount++;
      boolean byRequester = before.requesterId().equals(p.subject().toString());
      newStatus = Lifecycle.afterPublicComment(oldStatus, byRequester);
      if (staff && !byRequester) {
        s.setSlaClock(s.slaClock().responded(unit.now()));
      }
    }
    if (newStatus != oldStatus) {
      s.applyStatus(newStatus, unit.now());
      unit.history()
          .add(
              s.id,
              actor,
              ChangeKind.STATUS,
              "status",
              TicketSteps.name(oldStatus),
              TicketSteps.name(newStatus),
              v);
    }
    List<SlaClock.Breach> late =
        s.flagLate(
            unit.now(), s.firstRespondedAt != null && before.firstRespondedAt() == null, false);
    unit.tickets().update(s, internal ? null : r.body());
    unit.history().add(s.id, actor, ChangeKind.COMMENT, "", "", comment.id(), v);
    unit.events()
        .append(
            s, before.assigneeId(), before.teamId(), actor, new TicketChange.CommentAdded(comment));
    if (newStatus != oldStatus) {
      unit.events()
          .append(
              s,
              before.assigneeId(),
              before.teamId(),
              actor,
              new TicketChange.Updated(List.of("status")));
    }
    TicketSteps.announce(unit, s, late);
    return new CommentAdded(comment, s.record().viewFor(staff));
  }
}
