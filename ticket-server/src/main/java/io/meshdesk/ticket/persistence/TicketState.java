package io.meshdesk.ticket.persistence;

import com.google.protobuf.Timestamp;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaClock;
import io.meshdesk.ticket.domain.Status;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A ticket row being read or changed: the contract's view ({@code ticket}, staff perspective) plus
 * the columns the contract does not show.
 */
public final class TicketState {

  /** The staff view: comment_count counts every comment. */
  public final Ticket.Builder ticket;

  /** Remaining resolution time frozen while PENDING, or null. */
  public Long resolutionRemainingMs;

  /** Public comments only (the customer's comment_count). */
  public int publicCommentCount;

  public TicketState(Ticket.Builder ticket, Long resolutionRemainingMs, int publicCommentCount) {
    this.ticket = ticket;
    this.resolutionRemainingMs = resolutionRemainingMs;
    this.publicCommentCount = publicCommentCount;
  }

  /** The lifecycle status. */
  public Status status() {
    return Status.ofNumber(ticket.getStatusValue());
  }

  /** Sets the lifecycle status. */
  public void setStatus(Status status) {
    ticket.setStatus(TicketStatus.forNumber(status.number()));
  }

  /** The priority. */
  public Priority priority() {
    return Priority.ofNumber(ticket.getPriorityValue());
  }

  /** Sets the priority. */
  public void setPriority(Priority priority) {
    ticket.setPriority(TicketPriority.forNumber(priority.number()));
  }

  /** The SLA deadlines as they stand. */
  public SlaClock slaClock() {
    return new SlaClock(
        ProtoTime.instantOrNull(ticket.getCreatedAt()),
        ticket.hasFirstResponseDueAt()
            ? ProtoTime.instantOrNull(ticket.getFirstResponseDueAt())
            : null,
        ticket.hasFirstRespondedAt() ? ProtoTime.instantOrNull(ticket.getFirstRespondedAt()) : null,
        ticket.hasResolutionDueAt() ? ProtoTime.instantOrNull(ticket.getResolutionDueAt()) : null,
        resolutionRemainingMs,
        ticket.getFirstResponseBreached(),
        ticket.getResolutionBreached());
  }

  /** Writes changed SLA deadlines back (the creation time is not changed). */
  public void setSlaClock(SlaClock c) {
    set(c.firstResponseDue(), ticket::setFirstResponseDueAt, ticket::clearFirstResponseDueAt);
    set(c.firstRespondedAt(), ticket::setFirstRespondedAt, ticket::clearFirstRespondedAt);
    set(c.resolutionDue(), ticket::setResolutionDueAt, ticket::clearResolutionDueAt);
    resolutionRemainingMs = c.resolutionRemainingMs();
    ticket
        .setFirstResponseBreached(c.firstResponseBreached())
        .setResolutionBreached(c.resolutionBreached());
  }

  private static void set(Instant value, Consumer<Timestamp> setter, Runnable clear) {
    if (value == null) {
      clear.run();
    } else {
      setter.accept(ProtoTime.timestamp(value));
    }
  }

  /** The staff view. */
  public Ticket staffView() {
    return ticket.build();
  }

  /** The customer view: no AI fields, public comments only. */
  public Ticket customerView() {
    return customerView(ticket.build(), publicCommentCount);
  }

  /** Strips what customers may not see from a staff view. */
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
}
