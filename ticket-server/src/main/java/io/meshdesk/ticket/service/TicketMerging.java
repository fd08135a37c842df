package io.meshdesk.ticket.service;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ChangeKind;
import io.meshdesk.ticket.domain.MergeRules;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.domain.TicketMerge;
import io.meshdesk.ticket.domain.TicketMerges;
import io.meshdesk.ticket.domain.TicketState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Merges duplicates: in one transaction the duplicate is closed and linked to the surviving ticket,
 * each gets a history entry, the requester gets one public comment on the surviving ticket, and
 * agents' streams get the events. A retry with the same request id replays the first merge.
 */
public final class TicketMerging {

  private final TicketUnits units;
  private final Actors actors;

  public TicketMerging(TicketUnits units, Actors actors) {
    this.units = units;
    this.actors = actors;
  }

  /** Merges {@code r.duplicateId()} into {@code r.targetId()} (idempotent on request id). */
  public MergeOutcome merge(Principal p, MergeTickets r) {
    UUID tenant = p.requireTenant();
    Actor actor = actors.of(p);
    String key = RequestKeys.of(p, r.requestId());
    try {
      return units.write(tenant, unit -> merge(unit, p, r, key, actor));
    } catch (RuntimeException e) {
      if (!key.isEmpty() && units.isDuplicateKey(e)) {
        // A concurrent retry with the same request id won: answer as a replay of it.
        return units.write(tenant, unit -> merge(unit, p, r, key, actor));
      }
      throw e;
    }
  }

  private static MergeOutcome merge(
      TicketUnit unit, Principal p, MergeTickets r, String key, Actor actor) {
    TicketMerges links = unit.merges();
    Optional<TicketMerge> earlier = links.byRequestKey(key);
    if (earlier.isPresent()) {
      return replay(unit, p, r, earlier.get(), key);
    }
    UUID duplicateId = UUID.fromString(r.duplicateId());
    UUID targetId = UUID.fromString(r.targetId());
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    boolean duplicateFirst = duplicateId.compareTo(targetId) < 0;
    TicketState first = lock(unit, duplicateFirst ? duplicateId : targetId, duplicateFirst);
    TicketState second = lock(unit, duplicateFirst ? targetId : duplicateId, !duplicateFirst);
    TicketState duplicate = duplicateFirst ? first : second;
    TicketState target = duplicateFirst ? second : first;
    MergeRules.check(side(duplicate, links), side(target, links));

    String noticeText =
        r.comment().isBlank()
            ? MergeRules.defaultNotice(duplicate.number, target.number)
            : r.comment().strip();
    TicketComment notice =
        new TicketComment(
            UUID.randomUUID().toString(), r.targetId(), actor, noticeText, false, "", unit.now());
    unit.comments().add(notice, key.isEmpty() ? "" : noticeKey(key));
    links.add(
        new TicketMerge(
            duplicateId, targetId, p.subject(), unit.now(), UUID.fromString(notice.id()), key));
    closeDuplicate(unit, duplicate, r.targetId(), actor);
    noteOnTarget(unit, target, r.duplicateId(), notice, actor);
    return new MergeOutcome(duplicate.record(), target.record(), notice, false);
  }

  private static void closeDuplicate(TicketUnit unit, TicketState s, String targetId, Actor actor) {
    Status before = s.status;
    s.applyStatus(Status.CLOSED, unit.now());
    long v = s.nextVersion(unit.now());
    unit.tickets().update(s, null);
    History history = unit.history();
    history.add(s.id, actor, ChangeKind.MERGE, "merged_into", "", targetId, v);
    history.add(
        s.id,
        actor,
        ChangeKind.STATUS,
        "status",
        TicketSteps.name(before),
        TicketSteps.name(s.status),
        v);
    unit.events()
        .append(s, s.assigneeId, s.teamId, actor, new TicketChange.Updated(List.of("status")));
  }

  private static void noteOnTarget(
      TicketUnit unit, TicketState s, String duplicateId, TicketComment notice, Actor actor) {
    s.publicCommentCount++;
    s.commentCount++;
    long v = s.nextVersion(unit.now());
    unit.tickets().update(s, notice.body());
    History history = unit.history();
    history.add(s.id, actor, ChangeKind.MERGE, "merged_from", "", duplicateId, v);
    history.add(s.id, actor, ChangeKind.COMMENT, "", "", notice.id(), v);
    unit.events().append(s, s.assigneeId, s.teamId, actor, new TicketChange.CommentAdded(notice));
  }

  private static MergeOutcome replay(
      TicketUnit unit, Principal p, MergeTickets r, TicketMerge m, String key) {
    if (!m.mergedBy().equals(p.subject())
        || !m.duplicateId().toString().equals(r.duplicateId())
        || !m.targetId().toString().equals(r.targetId())) {
      throw new AlreadyExistsException("request_id already used for another merge");
    }
    TicketState duplicate = lock(unit, m.duplicateId(), true);
    TicketState target = lock(unit, m.targetId(), false);
    TicketComment notice =
        unit.comments().byRequestKey(m.targetId().toString(), noticeKey(key)).orElseThrow();
    return new MergeOutcome(duplicate.record(), target.record(), notice, true);
  }

  private static TicketState lock(TicketUnit unit, UUID id, boolean duplicate) {
    return unit.tickets()
        .lock(id.toString())
        .orElseThrow(
            () ->
                new NotFoundException(
                    (duplicate ? "duplicate_ticket_id" : "target_ticket_id")
                        + ": ticket "
                        + id
                        + " not found"));
  }

  private static MergeRules.Side side(TicketState s, TicketMerges links) {
    UUID id = UUID.fromString(s.id);
    return new MergeRules.Side(
        id, s.number, UUID.fromString(s.requesterId), s.status, links.ofDuplicate(id).isPresent());
  }

  /** The notification comment's request id: apart from the caller's own AddComment keys. */
  private static String noticeKey(String key) {
    return "merge/" + key;
  }
}
