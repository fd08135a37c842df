package io.meshdesk.ticket.grpc;

import com.google.protobuf.Duration;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.PresenceSnapshot;
import io.meshdesk.api.ticket.v1.SessionWelcome;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TypingIndicator;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.ResourceExhaustedException;
import io.meshdesk.platform.grpc.StatusMapper;
import io.meshdesk.ticket.domain.Visibility;
import io.meshdesk.ticket.events.EventHub;
import io.meshdesk.ticket.events.EventRules;
import io.meshdesk.ticket.events.Heartbeats;
import io.meshdesk.ticket.events.StreamSink;
import io.meshdesk.ticket.events.StreamSubscription;
import io.meshdesk.ticket.persistence.CounterStore;
import io.meshdesk.ticket.service.Actors;
import io.meshdesk.ticket.session.PresenceHub;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One bidirectional agent session: ticket events (as Subscribe, with flow control), presence,
 * typing indicators, and a collision notice when someone else changes a ticket the agent views.
 * Every message goes through one bounded {@link Outbound}; presence, typing and notices coalesce
 * per ticket while the client does not read.
 */
final class AgentSessionHandler
    implements StreamObserver<AgentSessionRequest>, PresenceHub.Listener {

  private static final String HEARTBEAT = "heartbeat";

  /** Tickets one session may view at once (bounds the session's memory). */
  static final int MAX_VIEWING = 100;

  /** Largest flow-control window a client may ask for (AgentHello.max_unacked_events). */
  static final int MAX_UNACKED = 2000;

  private final Principal principal;
  private final Outbound<AgentSessionResponse> out;
  private final EventHub hub;
  private final PresenceHub presence;
  private final Transactions tx;
  private final int defaultLimit;
  private final int page;
  private final String sessionId = UUID.randomUUID().toString();
  private final String displayName;
  private final Map<String, Long> viewing = new ConcurrentHashMap<>();
  private final CollisionWatch collisions;
  private final Heartbeats heartbeats;
  private final Heartbeats.Beat beat = this::beat;
  private volatile StreamSubscription subscription;
  private boolean ended;

  AgentSessionHandler(
      Principal principal,
      ServerCallStreamObserver<AgentSessionResponse> observer,
      EventHub hub,
      PresenceHub presence,
      Transactions tx,
      int defaultLimit,
      int page,
      Actors actors,
      OutboundStats stats,
      Heartbeats heartbeats) {
    this.principal = principal;
    this.out = new Outbound<>(observer, Outbound.CAPACITY, stats);
    this.hub = hub;
    this.presence = presence;
    this.tx = tx;
    this.defaultLimit = defaultLimit;
    this.page = page;
    this.displayName = actors.of(principal).displayName();
    this.collisions = new CollisionWatch(principal, viewing, out);
    this.heartbeats = heartbeats;
    observer.setOnCancelHandler(this::end);
    observer.setOnReadyHandler(
        () -> {
          out.drain();
          StreamSubscription s = subscription;
          if (s != null) {
            s.onReady();
          }
        });
  }

  @Override
  public void onNext(AgentSessionRequest r) {
    UUID tenant = tenant();
    if (subscription == null && r.getMessageCase() != AgentSessionRequest.MessageCase.HELLO) {
      fail(
          new InvalidArgumentException(
              "hello", "the first message of an agent session must be hello"));
      return;
    }
    switch (r.getMessageCase()) {
      case HELLO -> hello(r);
      case VIEW_TICKET ->
          view(tenant, r.getViewTicket().getTicketId(), r.getViewTicket().getVersion());
      case STOP_VIEWING_TICKET -> {
        presence.stop(tenant, r.getStopViewingTicket().getTicketId(), sessionId, userId());
        viewing.remove(r.getStopViewingTicket().getTicketId());
      }
      case TYPING ->
          presence.typing(
              tenant,
              r.getTyping().getTicketId(),
              sessionId,
              userId(),
              displayName,
              r.getTyping().getTyping(),
              r.getTyping().getVisibility());
      default -> {} // acks: delivery is paced by transport readiness
    }
  }

  private synchronized void hello(AgentSessionRequest r) {
    if (subscription != null || ended) {
      return;
    }
    var hello = r.getHello();
    int asked =
        hello.getMaxUnackedEvents() == 0 ? defaultLimit : Math.max(16, hello.getMaxUnackedEvents());
    int limit = Math.min(MAX_UNACKED, asked);
    EventRules rules =
        EventRules.of(principal.subject(), !Visibility.staff(principal), hello.getFilter());
    StreamSubscription s =
        new StreamSubscription(tenant(), rules, hub, tx, limit, page, new Sink());
    subscription = s;
    hub.register(collisions);
    presence.attach(this);
    presence.online(tenant(), sessionId, userId());
    Long after = hello.hasAfterSequence() ? hello.getAfterSequence() : null;
    Thread.startVirtualThread(() -> welcomeThenRun(s, after));
  }

  private void view(UUID tenant, String ticketId, long version) {
    if (!viewing.containsKey(ticketId) && viewing.size() >= MAX_VIEWING) {
      fail(
          new ResourceExhaustedException(
              "a session views at most "
                  + MAX_VIEWING
                  + " tickets at once; stop viewing one first"));
      return;
    }
    viewing.put(ticketId, version);
    presence.view(tenant, ticketId, sessionId, userId(), displayName);
  }

  /** Sends the welcome, then replays and goes live (blocks: runs on its own virtual thread). */
  private void welcomeThenRun(StreamSubscription s, Long after) {
    try {
      long latest = tx.inTenant(tenant(), CounterStore::latestSequence);
      out.offer(AgentSessionResponse.newBuilder().setWelcome(welcome(latest)).build());
      heartbeats.add(beat);
      s.run(after);
    } catch (RuntimeException e) {
      end();
      out.fail(StatusMapper.toStatus(e));
    }
  }

  private SessionWelcome welcome(long latestSequence) {
    java.time.Duration every = heartbeats.interval();
    return SessionWelcome.newBuilder()
        .setSessionId(sessionId)
        .setLatestSequence(latestSequence)
        .setHeartbeatInterval(
            Duration.newBuilder().setSeconds(every.toSeconds()).setNanos(every.toNanosPart()))
        .build();
  }

  /** A heartbeat when nothing at all (events, presence, notices) went out for the interval. */
  private boolean beat(long nowNanos) {
    StreamSubscription s = subscription;
    if (s == null || s.isClosed()) {
      return false;
    }
    if (out.quietSince(nowNanos - heartbeats.interval().toNanos())) {
      s.heartbeat(heartbeats.interval(), nowNanos);
    }
    return true;
  }

  /** Events of the session's subscription, sent only when nothing else waits. */
  private final class Sink implements StreamSink {
    @Override
    public boolean isReady() {
      return out.idle();
    }

    @Override
    public void send(TicketEvent event) {
      out.offer(AgentSessionResponse.newBuilder().setEvent(event).build());
    }

    @Override
    public void heartbeat(TicketEvent heartbeat) {
      out.offerLatest(
          HEARTBEAT, AgentSessionResponse.newBuilder().setEvent(heartbeat).build()); // one at most
    }

    @Override
    public void resync(TicketEvent resync) {
      out.finish(AgentSessionResponse.newBuilder().setEvent(resync).build());
      end();
    }

    @Override
    public void fail(RuntimeException error) {
      AgentSessionHandler.this.fail(error);
    }
  }

  @Override
  public void onError(Throwable t) {
    end();
  }

  @Override
  public void onCompleted() {
    end();
    out.finish(null);
  }

  /** Ends the session with {@code error}: nothing more is sent, presence is withdrawn. */
  void fail(RuntimeException error) {
    end();
    out.fail(StatusMapper.toStatus(error));
  }

  /** The session is over (client gone, stream ended): leaves presence and the hub. */
  void end() {
    StreamSubscription s;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      s = subscription;
    }
    if (s != null) {
      s.close();
      heartbeats.remove(beat);
      hub.unregister(collisions);
      presence.detach(this);
      presence.gone(tenant(), sessionId, userId());
    }
  }

  @Override
  public UUID tenant() {
    return principal.requireTenant();
  }

  @Override
  public boolean viewing(String ticketId) {
    return viewing.containsKey(ticketId);
  }

  @Override
  public void presence(PresenceSnapshot snapshot) {
    out.offerLatest(
        "presence:" + snapshot.getTicketId(),
        AgentSessionResponse.newBuilder().setPresence(snapshot).build());
  }

  @Override
  public void typing(TypingIndicator indicator) {
    out.offerLatest(
        "typing:" + indicator.getTicketId() + ":" + indicator.getUserId(),
        AgentSessionResponse.newBuilder().setTyping(indicator).build());
  }

  @Override
  public String userId() {
    return principal.subject().toString();
  }
}
