package io.meshdesk.ticket.grpc;

import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.SetTypingRequest;
import io.meshdesk.api.ticket.v1.SetTypingResponse;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.WatchTicketRequest;
import io.meshdesk.api.ticket.v1.WatchTicketResponse;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.grpc.StatusMapper;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.events.EventRules;
import io.meshdesk.ticket.events.Heartbeats;
import io.meshdesk.ticket.events.StreamSubscription;
import io.meshdesk.ticket.grpc.TicketGrpcService.Parts;
import io.meshdesk.ticket.session.StreamGuard;
import io.meshdesk.ticket.wire.TicketWire;

/**
 * The live calls of TicketService: the Subscribe event stream, the bidirectional agent session,
 * watching one ticket, and typing. Every stream counts against the caller's stream limit until it
 * ends.
 */
final class StreamCalls {

  private final Parts parts;
  private final SharedResponses shared;

  StreamCalls(Parts parts, SharedResponses shared) {
    this.parts = parts;
    this.shared = shared;
  }

  void subscribe(SubscribeRequest r, ServerCallStreamObserver<SubscribeResponse> out) {
    Principal me = AuthContext.principal();
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
    Runnable end =
        () -> {
          s.close();
          parts.heartbeats().remove(beat);
        };
    guard(me, s::fail, end);
    out.setOnReadyHandler(s::onReady);
    out.setOnCancelHandler(end);
    Long after = r.hasAfterSequence() ? r.getAfterSequence() : null;
    // Replay blocks; the call's own thread must stay free for readiness and cancellation callbacks.
    Thread.startVirtualThread(() -> replayThenLive(s, beat, after, out));
  }

  private void replayThenLive(
      StreamSubscription s,
      Heartbeats.Beat beat,
      Long after,
      StreamObserver<SubscribeResponse> out) {
    try {
      parts.heartbeats().add(beat);
      s.run(after);
    } catch (RuntimeException e) {
      s.close();
      try {
        out.onError(StatusMapper.toStatus(e));
      } catch (RuntimeException ignored) {
        // already closed
      }
    }
  }

  StreamObserver<AgentSessionRequest> agentSession(
      ServerCallStreamObserver<AgentSessionResponse> out) {
    Principal me = AuthContext.principal();
    var session =
        new AgentSessionHandler(
            me,
            out,
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

  void watchTicket(WatchTicketRequest r, ServerCallStreamObserver<WatchTicketResponse> out) {
    Principal me = AuthContext.principal();
    var watch =
        new TicketWatchHandler(
            me,
            out,
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

  SetTypingResponse setTyping(SetTypingRequest r) {
    Principal me = AuthContext.principal();
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
    return SetTypingResponse.getDefaultInstance();
  }

  /**
   * Registers the current call's stream with the guard (RESOURCE_EXHAUSTED past the caller's
   * limit); the registration ends with the call, however it ends.
   */
  private void guard(Principal me, StreamGuard.Revocable stream, Runnable onEnd) {
    StreamGuard.Lease lease = parts.guard().open(me, stream);
    Context.current()
        .addListener(
            ctx -> {
              lease.close();
              onEnd.run();
            },
            Runnable::run);
  }
}
