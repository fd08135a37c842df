package io.meshdesk.ticket.grpc;

import io.meshdesk.api.ticket.v1.AddCommentRequest;
import io.meshdesk.api.ticket.v1.AddCommentResponse;
import io.meshdesk.api.ticket.v1.AssignTicketRequest;
import io.meshdesk.api.ticket.v1.AssignTicketResponse;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.CreateTicketResponse;
import io.meshdesk.api.ticket.v1.MergeTicketsRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsResponse;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.api.ticket.v1.UpdateTicketResponse;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.grpc.TicketGrpcService.Parts;
import io.meshdesk.ticket.wire.TicketWire;

/** The calls of TicketService that change tickets: open, edit, assign, comment, merge. */
final class TicketCommandCalls {

  private final Parts parts;

  TicketCommandCalls(Parts parts) {
    this.parts = parts;
  }

  CreateTicketResponse createTicket(CreateTicketRequest r) {
    return TicketMapper.opened(
        parts.opening().create(AuthContext.principal(), TicketMapper.create(r)));
  }

  UpdateTicketResponse updateTicket(UpdateTicketRequest r) {
    TicketRecord updated = parts.editing().update(AuthContext.principal(), TicketMapper.update(r));
    return UpdateTicketResponse.newBuilder().setTicket(TicketWire.ticket(updated)).build();
  }

  AssignTicketResponse assignTicket(AssignTicketRequest r) {
    TicketRecord assigned =
        parts.assignment().assign(AuthContext.principal(), TicketMapper.assign(r));
    return AssignTicketResponse.newBuilder().setTicket(TicketWire.ticket(assigned)).build();
  }

  AddCommentResponse addComment(AddCommentRequest r) {
    return TicketMapper.commented(
        parts.comments().add(AuthContext.principal(), TicketMapper.addComment(r)));
  }

  MergeTicketsResponse mergeTickets(MergeTicketsRequest r) {
    return TicketMapper.merged(
        parts.merging().merge(AuthContext.principal(), TicketMapper.merge(r)));
  }
}
