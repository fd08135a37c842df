package io.meshdesk.ticket.wire;

import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.ticket.v1.AiStatus;
import io.meshdesk.api.ticket.v1.Comment;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.SentimentLabel;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.domain.TicketRecord;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Domain values in the contract's wire form, for the events written to the outbox (the outbox
 * payload is the contract's {@code TicketEvent}, which carries tickets and comments) and for the
 * gRPC mappers.
 */
public final class TicketWire {

  private TicketWire() {}

  /** An actor as events, history and comments carry it. */
  public static Actor actor(io.meshdesk.ticket.domain.Actor a) {
    return Actor.newBuilder()
        .setKind(ActorKind.forNumber(a.kind().number()))
        .setId(a.id())
        .setDisplayName(a.displayName())
        .build();
  }

  /** A ticket in the contract's form, every field the record holds for it. */
  public static Ticket ticket(TicketRecord t) {
    Ticket.Builder b =
        Ticket.newBuilder()
            .setId(t.id())
            .setNumber(t.number())
            .setSubject(t.subject())
            .setBody(t.body())
            .setStatus(TicketStatus.forNumber(t.status().number()))
            .setPriority(TicketPriority.forNumber(t.priority().number()))
            .setRequesterId(t.requesterId())
            .setAssigneeId(t.assigneeId())
            .setTeamId(t.teamId())
            .addAllTags(t.tags())
            .putAllCustomFields(t.customFields())
            .setVersion(t.version())
            .setFirstResponseBreached(t.firstResponseBreached())
            .setResolutionBreached(t.resolutionBreached())
            .setAiStatus(AiStatus.forNumber(t.aiStatus().number()))
            .setAiSummary(t.aiSummary())
            .setAiCategory(t.aiCategory())
            .setAiSentiment(SentimentLabel.forNumber(t.aiSentiment().number()))
            .setLatestSuggestionId(t.latestSuggestionId())
            .setCommentCount(t.commentCount())
            .setTransactionId(t.transactionId());
    set(b::setCreatedAt, t.createdAt());
    set(b::setUpdatedAt, t.updatedAt());
    set(b::setFirstResponseDueAt, t.firstResponseDueAt());
    set(b::setResolutionDueAt, t.resolutionDueAt());
    set(b::setFirstRespondedAt, t.firstRespondedAt());
    set(b::setSolvedAt, t.solvedAt());
    set(b::setClosedAt, t.closedAt());
    return b.build();
  }

  private static void set(Consumer<com.google.protobuf.Timestamp> setter, Instant value) {
    if (value != null) {
      setter.accept(ProtoTime.timestamp(value));
    }
  }

  /** Strips what customers may not see from a staff view of a ticket. */
  public static Ticket customerView(Ticket staff, int publicCommentCount) {
    return staff.toBuilder()
        .clearAiStatus()
        .clearAiSummary()
        .clearAiCategory()
        .clearAiSentiment()
        .clearLatestSuggestionId()
        .setCommentCount(publicCommentCount)
        .build();
  }

  /** A comment in the contract's form. */
  public static Comment comment(TicketComment c) {
    return Comment.newBuilder()
        .setId(c.id())
        .setTicketId(c.ticketId())
        .setAuthor(actor(c.author()))
        .setBody(c.body())
        .setVisibility(
            c.internal()
                ? CommentVisibility.COMMENT_VISIBILITY_INTERNAL
                : CommentVisibility.COMMENT_VISIBILITY_PUBLIC)
        .setSuggestionId(c.suggestionId())
        .setCreatedAt(ProtoTime.timestamp(c.createdAt()))
        .build();
  }
}
