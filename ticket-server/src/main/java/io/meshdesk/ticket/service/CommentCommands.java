package io.meshdesk.ticket.service;

import com.google.protobuf.FieldMask;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.AddCommentResponse;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.CommentAdded;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Lifecycle;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.events.EventWire;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.CommentStore;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import io.meshdesk.ticket.persistence.TicketTx;
import io.meshdesk.ticket.sla.SlaChecker;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Public replies and internal notes. A requester's reply reopens a pending or solved ticket; the
 * support team's first public reply records the first response (SLA) and opens a new ticket.
 */
public final class CommentCommands {

  private final TicketTransactions writes;
  private final Actors actors;

  public CommentCommands(TicketTransactions writes, Actors actors) {
    this.writes = writes;
    this.actors = actors;
  }

  /** Adds a comment (idempotent on request_id). */
  public AddCommentResponse add(Principal p, AddComment r) {
    UUID tenant = p.requireTenant();
    boolean staff = Visibility.staff(p);
    boolean internal = r.internal();
    if (internal) {
      Visibility.requireMayWriteInternal(p);
    }
    Actor actor = EventWire.actor(actors.of(p));
    try {
      return writes.run(tenant, tx -> add(tx, p, r, staff, internal, actor));
    } catch (RuntimeException e) {
      if (!r.requestId().isEmpty() && TicketSteps.isUniqueViolation(e)) {
        // A concurrent retry with the same request id won: answer as a replay of it.
        return writes.run(tenant, tx -> add(tx, p, r, staff, internal, actor));
      }
      throw e;
    }
  }

  private AddCommentResponse add(
      TicketTx tx, Principal p, AddComment r, boolean staff, boolean internal, Actor actor)
      throws SQLException {
    UUID ticketId = UUID.fromString(r.ticketId());
    TicketState s =
        TicketStore.find(tx.connection(), ticketId, true)
            .filter(t -> Visibility.maySee(p, t.ticket.getRequesterId()))
            .orElseThrow(() -> new NotFoundException("ticket " + r.ticketId() + " not found"));
    if (!r.requestId().isEmpty()) {
      Optional<Comment> existing =
          CommentStore.findByRequestId(tx.connection(), ticketId, RequestKeys.of(p, r.requestId()));
      if (existing.isPresent()) {
        if (!existing.get().getAuthor().getId().equals(actor.getId())) {
          throw new AlreadyExistsException("request_id already used by another caller");
        }
        return AddCommentResponse.newBuilder()
            .setComment(existing.get())
            .setTicket(staff ? s.staffView() : s.customerView())
            .build();
      }
    }
    Ticket before = s.staffView();
    Lifecycle.requireNotClosed(s.status());
    long v = before.getVersion() + 1;
    Comment comment =
        Comment.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setTicketId(r.ticketId())
            .setAuthor(actor)
            .setBody(r.body())
            .setVisibility(
                internal
                    ? CommentVisibility.COMMENT_VISIBILITY_INTERNAL
                    : CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
            .setSuggestionId(r.suggestionId())
            .setCreatedAt(ProtoTime.timestamp(tx.now()))
            .build();
    CommentStore.insert(tx, comment, RequestKeys.of(p, r.requestId()));
    Ticket.Builder t = s.ticket;
    t.setCommentCount(t.getCommentCount() + 1)
        .setVersion(v)
        .setUpdatedAt(ProtoTime.timestamp(tx.now()));
    Status oldStatus = s.status();
    Status newStatus = oldStatus;
    if (!internal) {
      s.publicCommentCount++;
      boolean byRequester = before.getRequesterId().equals(p.subject().toString());
      newStatus = Lifecycle.afterPublicComment(oldStatus, byRequester);
      if (staff && !byRequester) {
        s.setSlaClock(s.slaClock().responded(tx.now()));
      }
    }
    if (newStatus != oldStatus) {
      TicketSteps.applyStatus(s, newStatus, tx);
      HistoryStore.add(
          tx,
          t.getId(),
          actor,
          TicketChangeKind.TICKET_CHANGE_KIND_STATUS,
          "status",
          before.getStatus().name(),
          t.getStatus().name(),
          v);
    }
    List<SlaClock.Breach> late =
        SlaChecker.flagLate(
            s, tx.now(), t.hasFirstRespondedAt() && !before.hasFirstRespondedAt(), false);
    TicketStore.update(tx.connection(), s, internal ? null : r.body());
    HistoryStore.add(
        tx,
        t.getId(),
        actor,
        TicketChangeKind.TICKET_CHANGE_KIND_COMMENT,
        "",
        "",
        comment.getId(),
        v);
    Outbox.append(
        tx,
        s,
        before.getAssigneeId(),
        before.getTeamId(),
        internal,
        TicketEvent.newBuilder()
            .setActor(actor)
            .setCommentAdded(CommentAdded.newBuilder().setComment(comment)),
        true);
    if (newStatus != oldStatus) {
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
                      .setChangedFields(FieldMask.newBuilder().addPaths("status"))
                      .setTicket(t)),
          true);
    }
    SlaChecker.announce(tx, s, late);
    return AddCommentResponse.newBuilder()
        .setComment(comment)
        .setTicket(staff ? s.staffView() : s.customerView())
        .build();
  }
}
