package io.meshdesk.ticket.grpc;

import io.meshdesk.api.ticket.v1.GetQueueCountsRequest;
import io.meshdesk.api.ticket.v1.GetQueueCountsResponse;
import io.meshdesk.api.ticket.v1.GetTicketHistoryRequest;
import io.meshdesk.api.ticket.v1.GetTicketHistoryResponse;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.ListCommentsRequest;
import io.meshdesk.api.ticket.v1.ListCommentsResponse;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.ticket.domain.CommentScope;
import io.meshdesk.ticket.service.TicketDetail;
import io.meshdesk.ticket.service.TicketReads;
import io.meshdesk.ticket.wire.SuggestionWire;
import io.meshdesk.ticket.wire.TicketWire;

/** The calls of TicketService that read: a ticket, lists, comments, history, queue counters. */
final class TicketReadCalls {

  private final TicketReads reads;

  TicketReadCalls(TicketReads reads) {
    this.reads = reads;
  }

  GetTicketResponse getTicket(GetTicketRequest r) {
    TicketDetail d = reads.detail(AuthContext.principal(), r.getTicketId());
    GetTicketResponse.Builder b =
        GetTicketResponse.newBuilder().setTicket(TicketWire.ticket(d.ticket()));
    d.latestSuggestion().ifPresent(sg -> b.setLatestSuggestion(SuggestionWire.suggestion(sg)));
    return b.build();
  }

  ListTicketsResponse listTickets(ListTicketsRequest r) {
    return TicketMapper.tickets(reads.list(AuthContext.principal(), TicketMapper.query(r)));
  }

  ListCommentsResponse listComments(ListCommentsRequest r) {
    return TicketMapper.comments(
        reads.comments(
            AuthContext.principal(),
            r.getTicketId(),
            CommentScope.ofNumber(r.getVisibilityValue()),
            r.getPage().getPageSize(),
            r.getPage().getPageToken()));
  }

  GetTicketHistoryResponse getTicketHistory(GetTicketHistoryRequest r) {
    return TicketMapper.history(
        reads.history(
            AuthContext.principal(),
            r.getTicketId(),
            r.getPage().getPageSize(),
            r.getPage().getPageToken()));
  }

  GetQueueCountsResponse getQueueCounts(GetQueueCountsRequest r) {
    return TicketMapper.counts(reads.counts(AuthContext.principal()));
  }
}
