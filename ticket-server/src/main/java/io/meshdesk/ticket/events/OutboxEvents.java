package io.meshdesk.ticket.events;

import com.google.protobuf.FieldMask;
import io.meshdesk.api.ticket.v1.AiUnavailable;
import io.meshdesk.api.ticket.v1.CommentAdded;
import io.meshdesk.api.ticket.v1.SlaBreached;
import io.meshdesk.api.ticket.v1.SlaMetric;
import io.meshdesk.api.ticket.v1.SuggestionReady;
import io.meshdesk.api.ticket.v1.TicketAssigned;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketUpdated;
import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.TicketChange;
import io.meshdesk.ticket.domain.TicketState;
import io.meshdesk.ticket.persistence.TicketTx;
import io.meshdesk.ticket.service.TicketEvents;
import io.meshdesk.ticket.wire.SuggestionWire;
import io.meshdesk.ticket.wire.TicketWire;
import java.sql.SQLException;

/** {@link TicketEvents} as the contract's {@code TicketEvent}s in the {@link Outbox}. */
public final class OutboxEvents implements TicketEvents {

  private final TicketTx tx;

  public OutboxEvents(TicketTx tx) {
    this.tx = tx;
  }

  @Override
  public void createdAndCommit(TicketState created, Actor actor) {
    try {
      Outbox.appendCreatedAndCommit(
          tx,
          created,
          created.assigneeId,
          created.teamId,
          TicketEvent.newBuilder().setActor(TicketWire.actor(actor)));
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public void append(
      TicketState after,
      String previousAssigneeId,
      String previousTeamId,
      Actor actor,
      TicketChange change) {
    TicketEvent.Builder e = TicketEvent.newBuilder().setActor(TicketWire.actor(actor));
    switch (change) {
      case TicketChange.Updated u ->
          e.setTicketUpdated(
              TicketUpdated.newBuilder()
                  .setChangedFields(FieldMask.newBuilder().addAllPaths(u.fields()))
                  .setTicket(TicketWire.ticket(after.record())));
      case TicketChange.Assigned a ->
          e.setTicketAssigned(
              TicketAssigned.newBuilder()
                  .setPreviousAssigneeId(a.previousAssigneeId())
                  .setAssigneeId(a.assigneeId())
                  .setTicket(TicketWire.ticket(after.record())));
      case TicketChange.CommentAdded c ->
          e.setCommentAdded(CommentAdded.newBuilder().setComment(TicketWire.comment(c.comment())));
      case TicketChange.SlaBreached b ->
          e.setSlaBreached(
              SlaBreached.newBuilder()
                  .setMetric(metric(b.metric()))
                  .setDueAt(ProtoTime.timestamp(b.dueAt())));
      case TicketChange.SuggestionReady r ->
          e.setSuggestionReady(
              SuggestionReady.newBuilder()
                  .setSuggestion(SuggestionWire.suggestion(r.suggestion())));
      case TicketChange.AiUnavailable u ->
          e.setAiUnavailable(
              AiUnavailable.newBuilder()
                  .setJobId(u.jobId())
                  .setReasonValue(u.reason().number())
                  .setDetail(u.detail()));
    }
    try {
      Outbox.append(tx, after, previousAssigneeId, previousTeamId, change.staffOnly(), e, true);
    } catch (SQLException ex) {
      throw new DataAccessException(ex);
    }
  }

  /** An SLA metric in the contract's form. */
  public static SlaMetric metric(io.meshdesk.ticket.domain.SlaMetric m) {
    return m == io.meshdesk.ticket.domain.SlaMetric.FIRST_RESPONSE
        ? SlaMetric.SLA_METRIC_FIRST_RESPONSE
        : SlaMetric.SLA_METRIC_RESOLUTION;
  }
}
