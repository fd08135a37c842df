package io.meshdesk.ticket.grpc;

import io.grpc.BindableService;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.AddCommentRequest;
import io.meshdesk.api.ticket.v1.AddCommentResponse;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.AppendSuggestionDraftRequest;
import io.meshdesk.api.ticket.v1.AppendSuggestionDraftResponse;
import io.meshdesk.api.ticket.v1.AssignTicketRequest;
import io.meshdesk.api.ticket.v1.AssignTicketResponse;
import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionResponse;
import io.meshdesk.api.ticket.v1.CreateTeamRequest;
import io.meshdesk.api.ticket.v1.CreateTeamResponse;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.CreateTicketResponse;
import io.meshdesk.api.ticket.v1.GetQueueCountsRequest;
import io.meshdesk.api.ticket.v1.GetQueueCountsResponse;
import io.meshdesk.api.ticket.v1.GetSlaPolicyRequest;
import io.meshdesk.api.ticket.v1.GetSlaPolicyResponse;
import io.meshdesk.api.ticket.v1.GetTicketHistoryRequest;
import io.meshdesk.api.ticket.v1.GetTicketHistoryResponse;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketResponse;
import io.meshdesk.api.ticket.v1.ListCommentsRequest;
import io.meshdesk.api.ticket.v1.ListCommentsResponse;
import io.meshdesk.api.ticket.v1.ListTeamsRequest;
import io.meshdesk.api.ticket.v1.ListTeamsResponse;
import io.meshdesk.api.ticket.v1.ListTicketsRequest;
import io.meshdesk.api.ticket.v1.ListTicketsResponse;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableRequest;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableResponse;
import io.meshdesk.api.ticket.v1.MergeTicketsRequest;
import io.meshdesk.api.ticket.v1.MergeTicketsResponse;
import io.meshdesk.api.ticket.v1.RecordSuggestionFeedbackRequest;
import io.meshdesk.api.ticket.v1.RecordSuggestionFeedbackResponse;
import io.meshdesk.api.ticket.v1.SetSlaPolicyRequest;
import io.meshdesk.api.ticket.v1.SetSlaPolicyResponse;
import io.meshdesk.api.ticket.v1.SetTypingRequest;
import io.meshdesk.api.ticket.v1.SetTypingResponse;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.api.ticket.v1.UpdateTicketResponse;
import io.meshdesk.api.ticket.v1.WatchTicketRequest;
import io.meshdesk.api.ticket.v1.WatchTicketResponse;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.events.EventHub;
import io.meshdesk.ticket.events.Heartbeats;
import io.meshdesk.ticket.service.Actors;
import io.meshdesk.ticket.service.CommentCommands;
import io.meshdesk.ticket.service.Settings;
import io.meshdesk.ticket.service.SuggestionCommands;
import io.meshdesk.ticket.service.TicketAssignment;
import io.meshdesk.ticket.service.TicketEditing;
import io.meshdesk.ticket.service.TicketMerging;
import io.meshdesk.ticket.service.TicketOpening;
import io.meshdesk.ticket.service.TicketReads;
import io.meshdesk.ticket.session.PresenceHub;
import io.meshdesk.ticket.session.StreamGuard;

/**
 * TicketService over gRPC: each call is answered by the calls of its area (commands, reads,
 * settings, suggestions, live streams), which map requests to the domain and back; no rules here.
 */
public final class TicketGrpcService extends TicketServiceGrpc.TicketServiceImplBase {

  /** The domain parts the service delegates to. */
  public record Parts(
      TicketOpening opening,
      TicketEditing editing,
      TicketAssignment assignment,
      CommentCommands comments,
      TicketReads reads,
      Settings settings,
      SuggestionCommands suggestions,
      EventHub hub,
      PresenceHub presence,
      Transactions tx,
      Actors actors,
      int subscriberBuffer,
      int catchUpPage,
      OutboundStats outboundStats,
      Heartbeats heartbeats,
      StreamGuard guard,
      TicketMerging merging) {}

  private final SharedResponses shared = new SharedResponses();
  private final TicketCommandCalls commands;
  private final TicketReadCalls reads;
  private final SettingsCalls settings;
  private final SuggestionCalls suggestions;
  private final StreamCalls streams;

  public TicketGrpcService(Parts parts) {
    this.commands = new TicketCommandCalls(parts);
    this.reads = new TicketReadCalls(parts.reads());
    this.settings = new SettingsCalls(parts.settings());
    this.suggestions = new SuggestionCalls(parts.suggestions());
    this.streams = new StreamCalls(parts, shared);
  }

  /**
   * This service to add to a server: Subscribe encodes each broadcast event once for all streams.
   */
  public BindableService bindable() {
    return () -> shared.bind(bindService());
  }

  private static <T> void reply(StreamObserver<T> o, T value) {
    o.onNext(value);
    o.onCompleted();
  }

  /** Opens a ticket. */
  @Override
  public void createTicket(CreateTicketRequest r, StreamObserver<CreateTicketResponse> o) {
    reply(o, commands.createTicket(r));
  }

  /** Returns one ticket. */
  @Override
  public void getTicket(GetTicketRequest r, StreamObserver<GetTicketResponse> o) {
    reply(o, reads.getTicket(r));
  }

  /** Lists tickets. */
  @Override
  public void listTickets(ListTicketsRequest r, StreamObserver<ListTicketsResponse> o) {
    reply(o, reads.listTickets(r));
  }

  /** Changes fields at an expected version. */
  @Override
  public void updateTicket(UpdateTicketRequest r, StreamObserver<UpdateTicketResponse> o) {
    reply(o, commands.updateTicket(r));
  }

  /** Assigns or unassigns. */
  @Override
  public void assignTicket(AssignTicketRequest r, StreamObserver<AssignTicketResponse> o) {
    reply(o, commands.assignTicket(r));
  }

  /** Adds a reply or note. */
  @Override
  public void addComment(AddCommentRequest r, StreamObserver<AddCommentResponse> o) {
    reply(o, commands.addComment(r));
  }

  /** Lists comments. */
  @Override
  public void listComments(ListCommentsRequest r, StreamObserver<ListCommentsResponse> o) {
    reply(o, reads.listComments(r));
  }

  /** Lists history. */
  @Override
  public void getTicketHistory(
      GetTicketHistoryRequest r, StreamObserver<GetTicketHistoryResponse> o) {
    reply(o, reads.getTicketHistory(r));
  }

  /** Queue counters. */
  @Override
  public void getQueueCounts(GetQueueCountsRequest r, StreamObserver<GetQueueCountsResponse> o) {
    reply(o, reads.getQueueCounts(r));
  }

  /** Creates a team. */
  @Override
  public void createTeam(CreateTeamRequest r, StreamObserver<CreateTeamResponse> o) {
    reply(o, settings.createTeam(r));
  }

  /** Lists teams. */
  @Override
  public void listTeams(ListTeamsRequest r, StreamObserver<ListTeamsResponse> o) {
    reply(o, settings.listTeams(r));
  }

  /** Replaces the SLA policy. */
  @Override
  public void setSlaPolicy(SetSlaPolicyRequest r, StreamObserver<SetSlaPolicyResponse> o) {
    reply(o, settings.setSlaPolicy(r));
  }

  /** Returns the SLA policy. */
  @Override
  public void getSlaPolicy(GetSlaPolicyRequest r, StreamObserver<GetSlaPolicyResponse> o) {
    reply(o, settings.getSlaPolicy(r));
  }

  /** Announces the caller's typing state on a ticket to its other viewers. */
  @Override
  public void setTyping(SetTypingRequest r, StreamObserver<SetTypingResponse> o) {
    reply(o, streams.setTyping(r));
  }

  /** Attaches an AI suggestion. */
  @Override
  public void attachSuggestion(
      AttachSuggestionRequest r, StreamObserver<AttachSuggestionResponse> o) {
    reply(o, suggestions.attachSuggestion(r));
  }

  /** Streams a draft chunk to agents. */
  @Override
  public void appendSuggestionDraft(
      AppendSuggestionDraftRequest r, StreamObserver<AppendSuggestionDraftResponse> o) {
    reply(o, suggestions.appendSuggestionDraft(r));
  }

  /** Records that no suggestion will come. */
  @Override
  public void markAiUnavailable(
      MarkAiUnavailableRequest r, StreamObserver<MarkAiUnavailableResponse> o) {
    reply(o, suggestions.markAiUnavailable(r));
  }

  /** Records suggestion feedback. */
  @Override
  public void recordSuggestionFeedback(
      RecordSuggestionFeedbackRequest r, StreamObserver<RecordSuggestionFeedbackResponse> o) {
    reply(o, suggestions.recordSuggestionFeedback(r));
  }

  /** Merges a duplicate into the ticket that survives. */
  @Override
  public void mergeTickets(MergeTicketsRequest r, StreamObserver<MergeTicketsResponse> o) {
    reply(o, commands.mergeTickets(r));
  }

  /** Streams ticket events: replay, then live, with flow control. */
  @Override
  public void subscribe(SubscribeRequest r, StreamObserver<SubscribeResponse> o) {
    streams.subscribe(r, (ServerCallStreamObserver<SubscribeResponse>) o);
  }

  /** Bidirectional agent session. */
  @Override
  public StreamObserver<AgentSessionRequest> agentSession(StreamObserver<AgentSessionResponse> o) {
    return streams.agentSession((ServerCallStreamObserver<AgentSessionResponse>) o);
  }

  /**
   * Streams presence, typing and collision notices for one ticket to a browser; the caller is a
   * viewer of the ticket until it cancels the stream.
   */
  @Override
  public void watchTicket(WatchTicketRequest r, StreamObserver<WatchTicketResponse> o) {
    streams.watchTicket(r, (ServerCallStreamObserver<WatchTicketResponse>) o);
  }
}
