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
    TicketState s = lockVisible(unit, p, r.ticketId());
    Optional<CommentAdded> replayed = replay(unit, p, r, actor, s);
    if (replayed.isPresent()) {
      return replayed.get();
    }
    TicketRecord before = s.record();
    Lifecycle.requireNotClosed(s.status);
    TicketComment comment = newComment(unit, r, actor);
    unit.comments().add(comment, RequestKeys.of(p, r.requestId()));
    s.commentCount++;
    long v = s.nextVersion(unit.now());
    Status from = s.status;
    Status to = r.internal() ? from : publicReply(unit, p, s, before);
    if (to != from) {
      s.applyStatus(to, unit.now());
      unit.history()
          .add(
              s.id,
              actor,
              ChangeKind.STATUS,
              "status",
              TicketSteps.name(from),
              TicketSteps.name(to),
              v);
    }
    List<SlaClock.Breach> late =
        s.flagLate(
            unit.now(), s.firstRespondedAt != null && before.firstRespondedAt() == null, false);
    unit.tickets().update(s, r.internal() ? null : r.body());
    unit.history().add(s.id, actor, ChangeKind.COMMENT, "", "", comment.id(), v);
    announce(unit, s, before, actor, comment, to != from);
    TicketSteps.announce(unit, s, late);
    return new CommentAdded(comment, s.record().viewFor(staff));
  }

  /** The ticket, locked; NOT_FOUND when it does not exist or the caller may not see it. */
  private static TicketState lockVisible(TicketUnit unit, Principal p, String ticketId) {
    return unit.tickets()
        .lock(ticketId)
        .filter(t -> Visibility.maySee(p, t.requesterId))
        .orElseThrow(() -> new NotFoundException("ticket " + ticketId + " not found"));
  }

  /**
   * The answer to a retried add: the comment stored with the request id, but only for the caller
   * that wrote it (ALREADY_EXISTS for anyone else); empty when the request id is new or none.
   */
  private static Optional<CommentAdded> replay(
      TicketUnit unit, Principal p, AddComment r, Actor actor, TicketState s) {
    if (r.requestId().isEmpty()) {
      return Optional.empty();
    }
    Optional<TicketComment> existing =
        unit.comments().byRequestKey(r.ticketId(), RequestKeys.of(p, r.requestId()));
    if (existing.isPresent() && !existing.get().author().id().equals(actor.id())) {
      throw new AlreadyExistsException("request_id already used by another caller");
    }
    return existing.map(c -> new CommentAdded(c, s.record().viewFor(Visibility.staff(p))));
  }

  private static TicketComment newComment(TicketUnit unit, AddComment r, Actor actor) {
    return new TicketComment(
        UUID.randomUUID().toString(),
        r.ticketId(),
        actor,
        r.body(),
        r.internal(),
        r.suggestionId(),
        unit.now());
  }

  /**
   * Counts a public reply and returns the status it leads to: the requester's reopens a pending or
   * solved ticket, the support team's records the first response and opens a new ticket.
   */
  private static Status publicReply(
      TicketUnit unit, Principal p, TicketState s, TicketRecord before) {
    s.publicCommentCount++;
    boolean byRequester = before.requesterId().equals(p.subject().toString());
    if (Visibility.staff(p) && !byRequester) {
      s.setSlaClock(s.slaClock().responded(unit.now()));
    }
    return Lifecycle.afterPublicComment(s.status, byRequester);
  }

  /** The comment's event, then the status change's when the comment moved the ticket. */
  private static void announce(
      TicketUnit unit,
      TicketState s,
      TicketRecord before,
      Actor actor,
      TicketComment comment,
      boolean statusChanged) {
    unit.events()
        .append(
            s, before.assigneeId(), before.teamId(), actor, new TicketChange.CommentAdded(comment));
    if (statusChanged) {
      unit.events()
          .append(
              s,
              before.assigneeId(),
              before.teamId(),
              actor,
              new TicketChange.Updated(List.of("status")));
    }
  }
}
