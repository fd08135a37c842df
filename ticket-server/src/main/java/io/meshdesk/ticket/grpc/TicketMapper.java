package io.meshdesk.ticket.grpc;

import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.api.ticket.v1.AddCommentRequest;
import io.meshdesk.api.ticket.v1.AddCommentResponse;
import io.meshdesk.api.ticket.v1.AssignTicketRequest;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.CreateTicketResponse;
import io.meshdesk.api.ticket.v1.GetQueueCountsResponse;
import io.meshdesk.api.ticket.v1.GetTicketHistoryResponse;
import io.meshdesk.api.ticket.v1.ListCommentsResponse;
import io.meshdesk.api.ticket.v1.ListTeamsResponse;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.api.ticket.v1.MergeTicketsRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsResponse;
import io.meshdesk.api.ticket.v1.PriorityCount;
import io.meshdesk.api.ticket.v1.SlaPolicy;
import io.meshdesk.api.ticket.v1.SlaTarget;
import io.meshdesk.api.ticket.v1.SuggestionStats;
import io.meshdesk.api.ticket.v1.Team;
import io.meshdesk.api.ticket.v1.TeamCount;
import io.meshdesk.api.ticket.v1.TicketChangeKind;
import io.meshdesk.api.ticket.v1.TicketHistoryEntry;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.HistoryEntry;
import io.meshdesk.ticket.domain.Page;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.QueueCounts;
import io.meshdesk.ticket.domain.Status;
import io.meshdesk.ticket.domain.TicketComment;
import io.meshdesk.ticket.domain.TicketQuery;
import io.meshdesk.ticket.service.AddComment;
import io.meshdesk.ticket.service.AssignTicket;
import io.meshdesk.ticket.service.CommentAdded;
import io.meshdesk.ticket.service.CreateTicket;
import io.meshdesk.ticket.service.MergeOutcome;
import io.meshdesk.ticket.service.MergeTickets;
import io.meshdesk.ticket.service.TicketOpened;
import io.meshdesk.ticket.service.Tickets;
import io.meshdesk.ticket.service.UpdateTicket;
import io.meshdesk.ticket.wire.TicketWire;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * TicketService requests as service commands and domain values as the contract's messages. Requests
 * reach it already validated (enums defined, ids well formed), so it only translates.
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
        r.getCustomFieldsMap(),
        r.getTransactionId());
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
        .setDuplicate(TicketWire.ticket(m.duplicate()))
        .setTarget(TicketWire.ticket(m.target()))
        .setNotification(TicketWire.comment(m.notification()))
        .setReplayed(m.replayed())
        .build();
  }

  /** An opened ticket, as the response. */
  static CreateTicketResponse opened(TicketOpened o) {
    return CreateTicketResponse.newBuilder()
        .setTicket(TicketWire.ticket(o.ticket()))
        .setReplayed(o.replayed())
        .build();
  }

  /** An added comment and its ticket, as the response. */
  static AddCommentResponse commented(CommentAdded c) {
    return AddCommentResponse.newBuilder()
        .setComment(TicketWire.comment(c.comment()))
        .setTicket(TicketWire.ticket(c.ticket()))
        .build();
  }

  /** A list request as a query; an unspecified order is the default one. */
  static TicketQuery query(ListTicketsRequest r) {
    return new TicketQuery(
        r.getStatusesValueList().stream().map(Status::ofNumber).toList(),
        r.getPrioritiesValueList().stream().map(Priority::ofNumber).toList(),
        r.getAssigneeId(),
        r.getUnassigned(),
        r.getRequesterId(),
        r.getTag(),
        r.getTeamId(),
        r.getQuery(),
        TicketQuery.Order.ofNumber(r.getOrderValue()),
        r.getPage().getPageSize(),
        r.getPage().getPageToken());
  }

  /** A page of tickets. */
  static ListTicketsResponse tickets(Tickets.Page page) {
    return ListTicketsResponse.newBuilder()
        .addAllTickets(page.tickets().stream().map(TicketWire::ticket).toList())
        .setPage(PageResponse.newBuilder().setNextPageToken(page.nextPageToken()))
        .build();
  }

  /** A page of comments. */
  static ListCommentsResponse comments(Page<TicketComment> page) {
    return ListCommentsResponse.newBuilder()
        .addAllComments(page.items().stream().map(TicketWire::comment).toList())
        .setPage(PageResponse.newBuilder().setNextPageToken(page.nextPageToken()))
        .build();
  }

  /** A page of history. */
  static GetTicketHistoryResponse history(Page<HistoryEntry> page) {
    return GetTicketHistoryResponse.newBuilder()
        .addAllEntries(page.items().stream().map(TicketMapper::entry).toList())
        .setPage(PageResponse.newBuilder().setNextPageToken(page.nextPageToken()))
        .build();
  }

  /** One history entry. */
  static TicketHistoryEntry entry(HistoryEntry e) {
    return TicketHistoryEntry.newBuilder()
        .setId(e.id())
        .setActor(TicketWire.actor(e.actor()))
        .setOccurredAt(ProtoTime.timestamp(e.occurredAt()))
        .setKind(TicketChangeKind.forNumber(e.kind().number()))
        .setField(e.field())
        .setOldValue(e.oldValue())
        .setNewValue(e.newValue())
        .setTicketVersion(e.ticketVersion())
        .build();
  }

  /** A team as the contract shows it. */
  static Team team(io.meshdesk.ticket.domain.Team t) {
    return Team.newBuilder()
        .setId(t.id().toString())
        .setName(t.name())
        .setDescription(t.description())
        .setCreatedAt(ProtoTime.timestamp(t.createdAt()))
        .build();
  }

  /** A page of teams. */
  static ListTeamsResponse teams(Page<io.meshdesk.ticket.domain.Team> page) {
    return ListTeamsResponse.newBuilder()
        .addAllTeams(page.items().stream().map(TicketMapper::team).toList())
        .setPage(PageResponse.newBuilder().setNextPageToken(page.nextPageToken()))
        .build();
  }

  /** The SLA targets of a SetSlaPolicy request, whole seconds as stored. */
  static List<io.meshdesk.ticket.domain.SlaTarget> targets(List<SlaTarget> targets) {
    return targets.stream()
        .map(
            t ->
                new io.meshdesk.ticket.domain.SlaTarget(
                    Priority.ofNumber(t.getPriorityValue()),
                    Duration.ofSeconds(t.getFirstResponse().getSeconds()),
                    Duration.ofSeconds(t.getResolution().getSeconds())))
        .toList();
  }

  /** An SLA policy; one never set has no update time or author. */
  static SlaPolicy policy(io.meshdesk.ticket.domain.SlaPolicy p) {
    SlaPolicy.Builder b = SlaPolicy.newBuilder().setVersion(p.version());
    if (p.updatedAt() != null) {
      b.setUpdatedAt(ProtoTime.timestamp(p.updatedAt()));
    }
    if (p.updatedBy() != null) {
      b.setUpdatedBy(TicketWire.actor(p.updatedBy()));
    }
    for (io.meshdesk.ticket.domain.SlaTarget t : p.targets()) {
      b.addTargets(
          SlaTarget.newBuilder()
              .setPriority(TicketPriority.forNumber(t.priority().number()))
              .setFirstResponse(
                  com.google.protobuf.Duration.newBuilder()
                      .setSeconds(t.firstResponse().toSeconds()))
              .setResolution(
                  com.google.protobuf.Duration.newBuilder()
                      .setSeconds(t.resolution().toSeconds())));
    }
    return b.build();
  }

  /** Queue counters; the counts per priority in priority order. */
  static GetQueueCountsResponse counts(QueueCounts q) {
    GetQueueCountsResponse.Builder b =
        GetQueueCountsResponse.newBuilder()
            .setAsOfSequence(q.asOfSequence())
            .setUnassigned(q.unassigned())
            .setMine(q.mine())
            .setSlaBreached(q.slaBreached())
            .setNewTickets(q.newTickets())
            .setPending(q.pending());
    for (Priority p : Priority.values()) {
      b.addOpenByPriority(
          PriorityCount.newBuilder()
              .setPriority(TicketPriority.forNumber(p.number()))
              .setCount(q.openByPriority().getOrDefault(p, 0L)));
    }
    for (QueueCounts.TeamCount t : q.teams()) {
      b.addTeams(
          TeamCount.newBuilder()
              .setTeamId(t.teamId())
              .setTeamName(t.teamName())
              .setOpen(t.open())
              .setUnassigned(t.unassigned()));
    }
    QueueCounts.SuggestionStats s = q.suggestions();
    return b.setSuggestions(
            SuggestionStats.newBuilder()
                .setSuggested(s.suggested())
                .setAccepted(s.accepted())
                .setEdited(s.edited())
                .setDiscarded(s.discarded()))
        .build();
  }
}
