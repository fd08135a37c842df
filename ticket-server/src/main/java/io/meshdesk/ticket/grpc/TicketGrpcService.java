package io.meshdesk.ticket.grpc;

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
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.api.ticket.v1.UpdateTicketRequest;
import io.meshdesk.api.ticket.v1.UpdateTicketResponse;
import io.meshdesk.api.ticket.v1.WatchTicketRequest;
import io.meshdesk.api.ticket.v1.WatchTicketResponse;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.domain.AiUnavailableReason;
import io.meshdesk.ticket.domain.CommentScope;
import io.meshdesk.ticket.domain.SuggestionOutcome;
import io.meshdesk.ticket.domain.TicketRecord;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.events.EventHub;
import io.meshdesk.ticket.events.EventRules;
import io.meshdesk.ticket.events.Heartbeats;
import io.meshdesk.ticket.events.StreamSubscription;
import io.meshdesk.ticket.service.Actors;
import io.meshdesk.ticket.service.CommentCommands;
import io.meshdesk.ticket.service.Settings;
import io.meshdesk.ticket.service.SuggestionCommands;
import io.meshdesk.ticket.service.TicketAssignment;
import io.meshdesk.ticket.service.TicketDetail;
import io.meshdesk.ticket.service.TicketEditing;
import io.meshdesk.ticket.service.TicketMerging;
import io.meshdesk.ticket.service.TicketOpening;
import io.meshdesk.ticket.service.TicketReads;
import io.meshdesk.ticket.session.PresenceHub;
import io.meshdesk.ticket.session.StreamGuard;
import io.meshdesk.ticket.wire.SuggestionWire;
import io.meshdesk.ticket.wire.TicketWire;

/** TicketService over gRPC: maps requests to the domain and back; no rules here. */
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

  private final Parts parts;
  private final SharedResponses shared = new SharedResponses();

  public TicketGrpcService(Parts parts) {
    this.parts = parts;
  }

  /**
   * This service to add to a server: Subscribe encodes each broadcast event once for all streams.
   */
  public io.grpc.BindableService bindable() {
    return () -> shared.bind(bindService());
  }

  private static Principal me() {
    return AuthContext.principal();
  }

  /**
   * Registers the current call's stream with the guard (RESOURCE_EXHAUSTED past the caller's
   * limit); the registration ends with the call, however it ends.
   */
  private void guard(Principal me, StreamGuard.Revocable stream, Runnable onEnd) {
    StreamGuard.Lease lease = parts.guard().open(me, stream);
    io.grpc.Context.current()
        .addListener(
            ctx -> {
              lease.close();
              onEnd.run();
            },
            Runnable::run);
  }

  private static <T> void reply(StreamObserver<T> o, T value) {
    o.onNext(value);
    o.onCompleted();
  }

  /** Opens a ticket. */
  @Override
  public void createTicket(CreateTicketRequest r, StreamObserver<CreateTicketResponse> o) {
    reply(o, TicketMapper.opened(parts.opening().create(me(), TicketMapper.create(r))));
  }

  /** Returns one ticket. */
  @Override
  public void getTicket(GetTicketRequest r, StreamObserver<GetTicketResponse> o) {
    TicketDetail d = parts.reads().detail(me(), r.getTicketId());
    GetTicketResponse.Builder b =
        GetTicketResponse.newBuilder().setTicket(TicketWire.ticket(d.ticket()));
    d.latestSuggestion().ifPresent(sg -> b.setLatestSuggestion(SuggestionWire.suggestion(sg)));
    reply(o, b.build());
  }

  /** Lists tickets. */
  @Override
  public void listTickets(ListTicketsRequest r, StreamObserver<ListTicketsResponse> o) {
    reply(o, TicketMapper.tickets(parts.reads().list(me(), TicketMapper.query(r))));
  }

  /** Changes fields at an expected version. */
  @Override
  public void updateTicket(UpdateTicketRequest r, StreamObserver<UpdateTicketResponse> o) {
    TicketRecord updated = parts.editing().update(me(), TicketMapper.update(r));
    reply(o, UpdateTicketResponse.newBuilder().setTicket(TicketWire.ticket(updated)).build());
  }

  /** Assigns or unassigns. */
  @Override
  public void assignTicket(AssignTicketRequest r, StreamObserver<AssignTicketResponse> o) {
    TicketRecord assigned = parts.assignment().assign(me(), TicketMapper.assign(r));
    reply(o, AssignTicketResponse.newBuilder().setTicket(TicketWire.ticket(assigned)).build());
  }

  /** Adds a reply or note. */
  @Override
  public void addComment(AddCommentRequest r, StreamObserver<AddCommentResponse> o) {
    reply(o, TicketMapper.commented(parts.comments().add(me(), TicketMapper.addComment(r))));
  }

  /** Lists comments. */
  @Override
  public void listComments(ListCommentsRequest r, StreamObserver<ListCommentsResponse> o) {
    reply(
        o,
        TicketMapper.comments(
            parts
                .reads()
                .comments(
                    me(),
                    r.getTicketId(),
                    CommentScope.ofNumber(r.getVisibilityValue()),
                    r.getPage().getPageSize(),
                    r.getPage().getPageToken())));
  }

  /** Lists history. */
  @Override
  public void getTicketHistory(
      GetTicketHistoryRequest r, StreamObserver<GetTicketHistoryResponse> o) {
    reply(
        o,
        TicketMapper.history(
            parts
                .reads()
                .history(
                    me(), r.getTicketId(), r.getPage().getPageSize(), r.getPage().getPageToken())));
  }

  /** Queue counters. */
  @Override
  public void getQueueCounts(GetQueueCountsRequest r, StreamObserver<GetQueueCountsResponse> o) {
    reply(o, TicketMapper.counts(parts.reads().counts(me())));
  }

  /** Creates a team. */
  @Override
  public void createTeam(CreateTeamRequest r, StreamObserver<CreateTeamResponse> o) {
    reply(
        o,
        CreateTeamResponse.newBuilder()
            .setTeam(
                TicketMapper.team(
                    parts.settings().createTeam(me(), r.getName(), r.getDescription())))
            .build());
  }

  /** Lists teams. */
  @Override
  public void listTeams(ListTeamsRequest r, StreamObserver<ListTeamsResponse> o) {
    reply(
        o,
        TicketMapper.teams(
            parts
                .settings()
                .listTeams(me(), r.getPage().getPageSize(), r.getPage().getPageToken())));
  }

  /** Replaces the SLA policy. */
  @Override
  public void setSlaPolicy(SetSlaPolicyRequest r, StreamObserver<SetSlaPolicyResponse> o) {
    reply(
        o,
        SetSlaPolicyResponse.newBuilder()
            .setPolicy(
                TicketMapper.policy(
                    parts.settings().setPolicy(me(), TicketMapper.targets(r.getTargetsList()))))
            .build());
  }

  /** Returns the SLA policy. */
  @Override
  public void getSlaPolicy(GetSlaPolicyRequest r, StreamObserver<GetSlaPolicyResponse> o) {
    reply(
        o,
        GetSlaPolicyResponse.newBuilder()
            .setPolicy(TicketMapper.policy(parts.settings().policy(me())))
            .build());
  }

  /** Streams ticket events: replay, then live, with flow control. */
  @Override
  public void subscribe(SubscribeRequest r, StreamObserver<SubscribeResponse> o) {
    Principal me = me();
    ServerCallStreamObserver<SubscribeResponse> out =
        (ServerCallStreamObserver<SubscribeResponse>) o;
    EventRules rules = EventRules.of(me.subject(), !Visibility.staff(me), r.getFilter());
    StreamSubscription s =
        new StreamSubscription(
            me.requireTenant(),
            rules,
            parts.hub(),
            parts.tx(),
            parts.subscriberBuffer(),
            parts.catchUpPage(),
            StreamSinks.of(out, shared));
    Heartbeats.Beat beat =
        now -> {
          s.heartbeat(parts.heartbeats().interval(), now);
          return !s.isClosed();
        };
    guard(
        me,
        s::fail,
        () -> {
          s.close();
          parts.heartbeats().remove(beat);
        });
    out.setOnReadyHandler(s::onReady);
    out.setOnCancelHandler(
        () -> {
          s.close();
          parts.heartbeats().remove(beat);
        });
    Long after = r.hasAfterSequence() ? r.getAfterSequence() : null;
    // Replay blocks; the call's own thread must stay free for readiness and cancellation callbacks.
    Thread.startVirtualThread(
        () -> {
          try {
            parts.heartbeats().add(beat);
            s.run(after);
          } catch (RuntimeException e) {
            s.close();
            try {
              out.onError(io.meshdesk.platform.grpc.StatusMapper.toStatus(e));
            } catch (RuntimeException ignored) {
              // already closed
            }
          }
        });
  }

  /** Bidirectional agent session. */
  @Override
  public StreamObserver<AgentSessionRequest> agentSession(StreamObserver<AgentSessionResponse> o) {
    Principal me = me();
    var session =
        new AgentSessionHandler(
            me,
            (ServerCallStreamObserver<AgentSessionResponse>) o,
            parts.hub(),
            parts.presence(),
            parts.tx(),
            parts.subscriberBuffer(),
            parts.catchUpPage(),
            parts.actors(),
            parts.outboundStats(),
            parts.heartbeats());
    guard(me, session::fail, session::end);
    return session;
  }

  /**
   * Streams presence, typing and collision notices for one ticket to a browser; the caller is a
   * viewer of the ticket until it cancels the stream.
   */
  @Override
  public void watchTicket(WatchTicketRequest r, StreamObserver<WatchTicketResponse> o) {
    Principal me = me();
    var watch =
        new TicketWatchHandler(
            me,
            (ServerCallStreamObserver<WatchTicketResponse>) o,
            parts.hub(),
            parts.presence(),
            r.getTicketId(),
            r.getVersion(),
            parts.outboundStats());
    guard(me, watch::fail, watch::end);
    watch.listen();
    Ticket current;
    try {
      current = TicketWire.ticket(parts.reads().get(me, r.getTicketId()));
    } catch (RuntimeException e) {
      watch.end();
      throw e;
    }
    watch.start(parts.actors().of(me).displayName(), current);
  }

  /** Announces the caller's typing state on a ticket to its other viewers. */
  @Override
  public void setTyping(SetTypingRequest r, StreamObserver<SetTypingResponse> o) {
    Principal me = me();
    parts
        .presence()
        .typing(
            me.requireTenant(),
            r.getTicketId(),
            "web:" + me.subject(),
            me.subject().toString(),
            parts.actors().of(me).displayName(),
            r.getTyping(),
            r.getVisibility());
    reply(o, SetTypingResponse.getDefaultInstance());
  }

  /** Attaches an AI suggestion. */
  @Override
  public void attachSuggestion(
      AttachSuggestionRequest r, StreamObserver<AttachSuggestionResponse> o) {
    reply(
        o,
        SuggestionMapper.attached(parts.suggestions().attach(me(), SuggestionMapper.proposal(r))));
  }

  /** Streams a draft chunk to agents. */
  @Override
  public void appendSuggestionDraft(
      AppendSuggestionDraftRequest r, StreamObserver<AppendSuggestionDraftResponse> o) {
    reply(
        o,
        AppendSuggestionDraftResponse.newBuilder()
            .setDelivered(
                parts
                    .suggestions()
                    .appendDraft(
                        me(), r.getTicketId(), r.getJobId(), r.getChunkIndex(), r.getText()))
            .build());
  }

  /** Records that no suggestion will come. */
  @Override
  public void markAiUnavailable(
      MarkAiUnavailableRequest r, StreamObserver<MarkAiUnavailableResponse> o) {
    reply(
        o,
        MarkAiUnavailableResponse.newBuilder()
            .setReplayed(
                parts
                    .suggestions()
                    .markUnavailable(
                        me(),
                        r.getTicketId(),
                        r.getJobId(),
                        AiUnavailableReason.ofNumber(r.getReasonValue()),
                        r.getDetail()))
            .build());
  }

  /** Records suggestion feedback. */
  @Override
  public void recordSuggestionFeedback(
      RecordSuggestionFeedbackRequest r, StreamObserver<RecordSuggestionFeedbackResponse> o) {
    reply(
        o,
        RecordSuggestionFeedbackResponse.newBuilder()
            .setSuggestion(
                SuggestionWire.suggestion(
                    parts
                        .suggestions()
                        .feedback(
                            me(),
                            r.getSuggestionId(),
                            SuggestionOutcome.ofNumber(r.getOutcomeValue()),
                            r.getFinalText())))
            .build());
  }

  /** Merges a duplicate into the ticket that survives. */
  @Override
  public void mergeTickets(MergeTicketsRequest r, StreamObserver<MergeTicketsResponse> o) {
    reply(o, TicketMapper.merged(parts.merging().merge(me(), TicketMapper.merge(r))));
  }
}
