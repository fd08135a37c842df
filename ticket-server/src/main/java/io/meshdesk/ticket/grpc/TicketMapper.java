package io.meshdesk.ticket.grpc;

import io.meshdesk.api.ticket.v1.AddCommentRequest;
import io.meshdesk.api.ticket.v1.AssignTicketRequest;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsResponse;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.service.AddComment;
import io.meshdesk.ticket.service.AssignTicket;
import io.meshdesk.ticket.service.CreateTicket;
import io.meshdesk.ticket.service.MergeOutcome;
import io.meshdesk.ticket.service.MergeTickets;
import io.meshdesk.ticket.service.UpdateTicket;
import java.util.Optional;

/**
 * TicketService requests as service commands. Requests reach it already validated (enums defined,
 * ids well formed), so it only translates.
 */
final class TicketMapper {

  private TicketMapper() {}

  /** A create request; an unspecified priority is normal. */
  static CreateTicket create(CreateTicketRequest r) {
    return new CreateTicket(
        r.getRequestId(),
        r.getSubject(),
        r.getBody(),
        r.getPriority() == TicketPriority.TICKET_PRIORITY_UNSPECIFIED
            ? Priority.NORMAL
            : Priority.ofNumber(r.getPriorityValue()),
        r.getRequesterId(),
        r.getTeamId(),
        r.getTagsList(),
        r.getCustomFieldsMap());
  }

  /** An update request: the fields it carries, the others empty. */
  static UpdateTicket update(UpdateTicketRequest r) {
    return new UpdateTicket(
        r.getTicketId(),
        r.getExpectedVersion(),
        r.hasStatus() ? Optional.of(Status.ofNumber(r.getStatusValue())) : Optional.empty(),
        r.hasPriority() ? Optional.of(Priority.ofNumber(r.getPriorityValue())) : Optional.empty(),
        r.hasSubject() ? Optional.of(r.getSubject()) : Optional.empty(),
        r.hasTags() ? Optional.of(r.getTags().getValuesList()) : Optional.empty(),
        r.hasCustomFields() ? Optional.of(r.getCustomFields().getValuesMap()) : Optional.empty(),
        r.hasTeamId() ? Optional.of(r.getTeamId()) : Optional.empty());
  }

  /** An assign request. */
  static AssignTicket assign(AssignTicketRequest r) {
    return new AssignTicket(r.getTicketId(), r.getExpectedVersion(), r.getAssigneeId());
  }

  /** An add-comment request; only an internal visibility makes a note. */
  static AddComment addComment(AddCommentRequest r) {
    return new AddComment(
        r.getTicketId(),
        r.getBody(),
        r.getVisibility() == CommentVisibility.COMMENT_VISIBILITY_INTERNAL,
        r.getSuggestionId(),
        r.getRequestId());
  }

  /** A merge request. */
  static MergeTickets merge(MergeTicketsRequest r) {
    return new MergeTickets(
        r.getDuplicateTicketId(), r.getTargetTicketId(), r.getComment(), r.getRequestId());
  }

  /** What a merge left behind, as the response. */
  static MergeTicketsResponse merged(MergeOutcome m) {
    return MergeTicketsResponse.newBuilder()
        .setDuplicate(m.duplicate())
        .setTarget(m.target())
        .setNotification(m.notification())
        .setReplayed(m.replayed())
        .build();
  }
}
