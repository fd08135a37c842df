package io.meshdesk.ticket.grpc;

import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.AgentSessionRequest;
import io.meshdesk.api.ticket.v1.AgentSessionResponse;
import io.meshdesk.api.ticket.v1.CollisionNotice;
import io.meshdesk.api.ticket.v1.PresenceSnapshot;
import io.meshdesk.api.ticket.v1.SessionWelcome;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TypingIndicator;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.ticket.domain.Actors;
import io.meshdesk.ticket.events.EventHub;
import io.meshdesk.ticket.events.EventRules;
import io.meshdesk.ticket.events.StreamSubscription;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.session.PresenceHub;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One bidirectional agent session: ticket events (as Subscribe, with flow control), presence,
 * typing indicators, and a collision notice when someone else changes a ticket the agent views.
 */
final class AgentSessionHandler implements StreamObserver<AgentSessionRequest>, PresenceHub.Listener {

  private final Principal principal;
  private final ServerCallStreamObserver<AgentSessionResponse> out;
  private final EventHub hub;
  private final PresenceHub presence;
  private final Transactions tx;
  private final int defaultLimit;
  private final String sessionId = UUID.randomUUID().toString();
  private final String displayName;
  private final Map<String, Long> viewing = new ConcurrentHashMap<>();
  private StreamSubscription subscription;
  private boolean closed;

  AgentSessionHandler(Principal principal, ServerCallStreamObserver<AgentSessionResponse> out, EventHub hub,
      PresenceHub presence, Transactions tx, int defaultLimit, Actors actors) {
    this.principal = principal;
    this.out = out;
    this.hub = hub;
    this.presence = presence;
    this.tx = tx;
    this.defaultLimit = defaultLimit;
    this.displayName = actors.of(principal).getDisplayName();
    out.setOnCancelHandler(this::end);
    out.setOnReadyHandler(() -> {
      StreamSubscription s = subscription;
      if (s != null) {
        s.onReady();
      }
    });
  }

  @Override
  public void onNext(AgentSessionRequest r) {
    UUID tenant = tenant();
    switch (r.getMessageCase()) {
      case HELLO -> hello(r);
      case VIEW_TICKET -> {
        viewing.put(r.getViewTicket().getTicketId(), r.getViewTicket().getVersion());
        presence.view(tenant, r.getViewTicket().getTicketId(), sessionId, userId(), displayName);
      }
      case STOP_VIEWING_TICKET -> {
        presence.stop(tenant, r.getStopViewingTicket().getTicketId(), sessionId, userId());
        viewing.remove(r.getStopViewingTicket().getTicketId());
      }
      case TYPING -> presence.typing(tenant, r.getTyping().getTicketId(), sessionId, userId(), displayName,
          r.getTyping().getTyping(), r.getTyping().getVisibility());
      default -> { } // acks: delivery is paced by transport readiness
    }
  }

  private void hello(AgentSessionRequest r) {
    if (subscription != null) {
      return;
    }
    var hello = r.getHello();
    int limit = hello.getMaxUnackedEvents() == 0 ? defaultLimit : Math.max(16, hello.getMaxUnackedEvents());
    EventRules rules = EventRules.of(principal.subject(), !Actors.staff(principal), hello.getFilter());
    subscription = new StreamSubscription(tenant(), rules, hub, tx, limit, new Sink());
    presence.attach(this);
    presence.online(tenant(), sessionId, userId());
    Long after = hello.hasAfterSequence() ? hello.getAfterSequence() : null;
    StreamSubscription s = subscription;
    Thread.startVirtualThread(() -> {
      long latest = tx.inTenant(tenant(), io.meshdesk.ticket.persistence.Counters::latestSequence);
      write(AgentSessionResponse.newBuilder().setWelcome(SessionWelcome.newBuilder().setSessionId(sessionId)
          .setLatestSequence(latest).setHeartbeatInterval(Duration.newBuilder().setSeconds(30))).build());
      s.run(after);
    });
  }

  private final class Sink implements StreamSubscription.Sink {
    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void send(TicketEvent event) {
      write(AgentSessionResponse.newBuilder().setEvent(event).build());
      Long onScreen = viewing.get(event.getTicketId());
      if (onScreen != null && event.getTicketVersion() > onScreen) {
        viewing.put(event.getTicketId(), event.getTicketVersion());
        if (!event.getActor().getId().equals(userId())) {
          FieldMask changed = event.hasTicketUpdated() ? event.getTicketUpdated().getChangedFields() : FieldMask.getDefaultInstance();
          write(AgentSessionResponse.newBuilder().setCollision(CollisionNotice.newBuilder().setTicketId(event.getTicketId())
              .setVersion(event.getTicketVersion()).setChangedBy(event.getActor()).setChangedAt(event.getOccurredAt())
              .setChangedFields(changed).setMessage("Ticket changed to version " + event.getTicketVersion() + " by "
                  + (event.getActor().getDisplayName().isEmpty() ? event.getActor().getId() : event.getActor().getDisplayName()))).build());
        }
      }
    }

    @Override
    public void resync(TicketEvent resync) {
      write(AgentSessionResponse.newBuilder().setEvent(resync).build());
      synchronized (AgentSessionHandler.this) {
        if (!closed) {
          closed = true;
          out.onCompleted();
        }
      }
      end();
    }
  }

  private synchronized void write(AgentSessionResponse msg) {
    if (!closed) {
      try {
        out.onNext(msg);
      } catch (RuntimeException e) {
        closed = true;
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    end();
  }

  @Override
  public void onCompleted() {
    end();
    synchronized (this) {
      if (!closed) {
        closed = true;
        out.onCompleted();
      }
    }
  }

  private void end() {
    StreamSubscription s = subscription;
    if (s != null) {
      s.close();
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
    write(AgentSessionResponse.newBuilder().setPresence(snapshot).build());
  }

  @Override
  public void typing(TypingIndicator indicator) {
    write(AgentSessionResponse.newBuilder().setTyping(indicator).build());
  }

  @Override
  public String userId() {
    return principal.subject().toString();
  }
}
