package io.meshdesk.ticket.service;

import com.google.protobuf.FieldMask;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.CommentAdded;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.MergeRules;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketMerge;
import io.meshdesk.ticket.domain.TicketMerges;
import io.meshdesk.ticket.events.EventWire;
import io.meshdesk.ticket.events.Outbox;
import io.meshdesk.ticket.persistence.CommentStore;
import io.meshdesk.ticket.persistence.HistoryStore;
import io.meshdesk.ticket.persistence.TicketState;
import io.meshdesk.ticket.persistence.TicketStore;
import io.meshdesk.ticket.persistence.TicketTransactions;
import io.meshdesk.ticket.persistence.TicketTx;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Merges duplicates: in one transaction the duplicate is closed and linked to the surviving ticket,
 * each gets a history entry, the requester gets one public comment on the surviving ticket, and
 * agents' streams get the events. A retry with the same request id replays the first merge.
 */
public final class TicketMerging {

  private final TicketTransactions writes;
  private final Actors actors;
  private final Function<TicketTx, TicketMerges> merges;

  /**
   * @param merges the merge store of a write transaction
   */
  public TicketMerging(
      TicketTransactions writes, Actors actors, Function<TicketTx, TicketMerges> merges) {
    this.writes = writes;
    this.actors = actors;
    this.merges = merges;
  }

  /** Merges {@code r.duplicateId()} into {@code r.targetId()} (idempotent on request id). */
  public MergeOutcome merge(Principal p, MergeTickets r) {
    UUID tenant = p.requireTenant();
    Actor actor = EventWire.actor(actors.of(p));
    String key = RequestKeys.of(p, r.requestId());
    try {
      return writes.run(tenant, tx -> merge(tx, p, r, key, actor));
    } catch (RuntimeException e) {
      if (!key.isEmpty() && TicketSteps.isUniqueViolation(e)) {
        // A concurrent retry with the same request id won: answer as a replay of it.
        return writes.run(tenant, tx -> merge(tx, p, r, key, actor));
      }
      throw e;
    }
  }

  private MergeOutcome merge(TicketTx tx, Principal p, MergeTickets r, String key, Actor actor)
      throws SQLException {
    TicketMerges links = merges.apply(tx);
    Optional<TicketMerge> earlier = links.byRequestKey(key);
    if (earlier.isPresent()) {
      return replay(tx, p, r, earlier.get(), key);
    }
    UUID duplicateId = UUID.fromString(r.duplicateId());
    UUID targetId = UUID.fromString(r.targetId());
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    boolean duplicateFirst = duplicateId.compareTo(targetId) < 0;
    TicketState first = lock(tx, duplicateFirst ? duplicateId : targetId, duplicateFirst);
    TicketState second = lock(tx, duplicateFirst ? targetId : duplicateId, !duplicateFirst);
    TicketState duplicate = duplicateFirst ? first : second;
    TicketState target = duplicateFirst ? second : first;
    MergeRules.check(side(duplicate, links), side(target, links));

    String noticeText =
        r.comment().isBlank()
            ? MergeRules.defaultNotice(duplicate.ticket.getNumber(), target.ticket.getNumber())
            : r.comment().strip();
    Comment notice =
        Comment.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setTicketId(r.targetId())
            .setAuthor(actor)
            .setBody(noticeText)
            .setVisibility(CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
            .setCreatedAt(ProtoTime.timestamp(tx.now()))
            .build();
    CommentStore.insert(tx, notice, key.isEmpty() ? "" : noticeKey(key));
    links.add(
        new TicketMerge(
            duplicateId, targetId, p.subject(), tx.now(), UUID.fromString(notice.getId()), key));
    closeDuplicate(tx, duplicate, r.targetId(), actor);
    noteOnTarget(tx, target, r.duplicateId(), notice, actor);
    return new MergeOutcome(duplicate.staffView(), target.staffView(), notice, false);
  }

  private static void closeDuplicate(TicketTx tx, TicketState s, String targetId, Actor actor)
      throws SQLException {
    String before = s.ticket.getStatus().name();
    long v = s.ticket.getVersion() + 1;
    TicketSteps.applyStatus(s, Status.CLOSED, tx);
    s.ticket.setVersion(v).setUpdatedAt(ProtoTime.timestamp(tx.now()));
    TicketStore.update(tx.connection(), s, null);
    String id = s.ticket.getId();
    HistoryStore.add(
        tx, id, actor, TicketChangeKind.TICKET_CHANGE_KIND_MERGE, "merged_into", "", targetId, v);
    HistoryStore.add(
        tx,
        id,
        actor,
        TicketChangeKind.TICKET_CHANGE_KIND_STATUS,
        "status",
        before,
        s.ticket.getStatus().name(),
        v);
    Outbox.append(
        tx,
        s,
        s.ticket.getAssigneeId(),
        s.ticket.getTeamId(),
        false,
        TicketEvent.newBuilder()
            .setActor(actor)
            .setTicketUpdated(
                TicketUpdated.newBuilder()
                    .setChangedFields(FieldMask.newBuilder().addPaths("status"))
                    .setTicket(s.ticket)),
        true);
  }

  private static void noteOnTarget(
      TicketTx tx, TicketState s, String duplicateId, Comment notice, Actor actor)
      throws SQLException {
    long v = s.ticket.getVersion() + 1;
    s.publicCommentCount++;
    s.ticket
        .setCommentCount(s.ticket.getCommentCount() + 1)
        .setVersion(v)
        .setUpdatedAt(ProtoTime.timestamp(tx.now()));
    TicketStore.update(tx.connection(), s, notice.getBody());
    String id = s.ticket.getId();
    HistoryStore.add(
        tx,
        id,
        actor,
        TicketChangeKind.TICKET_CHANGE_KIND_MERGE,
        "merged_from",
        "",
        duplicateId,
        v);
    HistoryStore.add(
        tx, id, actor, TicketChangeKind.TICKET_CHANGE_KIND_COMMENT, "", "", notice.getId(), v);
    Outbox.append(
        tx,
        s,
        s.ticket.getAssigneeId(),
        s.ticket.getTeamId(),
        false,
        TicketEvent.newBuilder()
            .setActor(actor)
            .setCommentAdded(CommentAdded.newBuilder().setComment(notice)),
        true);
  }

  private static MergeOutcome replay(
      TicketTx tx, Principal p, MergeTickets r, TicketMerge m, String key) throws SQLException {
    if (!m.mergedBy().equals(p.subject())
        || !m.duplicateId().toString().equals(r.duplicateId())
        || !m.targetId().toString().equals(r.targetId())) {
      throw new AlreadyExistsException("request_id already used for another merge");
    }
    TicketState duplicate = lock(tx, m.duplicateId(), true);
    TicketState target = lock(tx, m.targetId(), false);
    Comment notice =
        CommentStore.findByRequestId(tx.connection(), m.targetId(), noticeKey(key)).orElseThrow();
    return new MergeOutcome(duplicate.staffView(), target.staffView(), notice, true);
  }

  private static TicketState lock(TicketTx tx, UUID id, boolean duplicate) throws SQLException {
    return TicketStore.find(tx.connection(), id, true)
        .orElseThrow(
            () ->
                new NotFoundException(
                    (duplicate ? "duplicate_ticket_id" : "target_ticket_id")
                        + ": ticket "
                        + id
                        + " not found"));
  }

  private static MergeRules.Side side(TicketState s, TicketMerges links) {
    UUID id = UUID.fromString(s.ticket.getId());
    return new MergeRules.Side(
        id,
        s.ticket.getNumber(),
        UUID.fromString(s.ticket.getRequesterId()),
        s.status(),
        links.ofDuplicate(id).isPresent());
  }

  /** The notification comment's request id: apart from the caller's own AddComment keys. */
  private static String noticeKey(String key) {
    return "merge/" + key;
  }
}
