package io.meshdesk.ticket.grpc;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import io.grpc.stub.ServerCallStreamObserver;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.ticket.v1.CaughtUp;
import io.meshdesk.api.ticket.v1.CollisionNotice;
import io.meshdesk.api.ticket.v1.PresenceSnapshot;
import io.meshdesk.api.ticket.v1.Ticket;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TypingIndicator;
import io.meshdesk.api.ticket.v1.WatchTicketResponse;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.grpc.StatusMapper;
import io.meshdesk.ticket.events.EventHub;
import io.meshdesk.ticket.events.Subscriber;
import io.meshdesk.ticket.persistence.RoutedEvent;
import io.meshdesk.ticket.session.PresenceHub;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WatchTicket stream, the browser's half of the agent session for a single ticket: the caller
 * counts as a viewer of the ticket (on every instance, through {@link PresenceHub}) for as long as
 * the stream lasts, and hears presence, other people's typing, and a collision notice when someone
 * else changes the ticket's fields (update, assignment) past the version on the caller's screen.
 * Messages go through a bounded {@link Outbound}: while the client does not read, only the latest
 * presence, typing state per user and notice wait.
 */
final class TicketWatchHandler implements PresenceHub.Listener, Subscriber {

  private final Principal principal;
  private final Outbound<WatchTicketResponse> out;
  private final EventHub hub;
  private final PresenceHub presence;
  private final String ticketId;
  private final String sessionId = UUID.randomUUID().toString();
  private long onScreen;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean started;

  TicketWatchHandler(
      Principal principal,
      ServerCallStreamObserver<WatchTicketResponse> observer,
      EventHub hub,
      PresenceHub presence,
      String ticketId,
      long version,
      OutboundStats stats) {
    this.principal = principal;
    this.out = new Outbound<>(observer, Outbound.CAPACITY, stats);
    observer.setOnCancelHandler(this::end);
    observer.setOnReadyHandler(out::drain);
    this.hub = hub;
    this.presence = presence;
    this.ticketId = ticketId;
    this.onScreen = version;
  }

  /**
   * Listens for the ticket's events. Call before reading the ticket's current version, so a change
   * committed in between is heard rather than missed.
   */
  void listen() {
    hub.register(this);
  }

  /**
   * Starts watching: listens for presence, announces the caller as a viewer, and sends a notice
   * right away when the ticket read after {@link #listen()} is already newer than the caller's
   * version.
   */
  void start(String displayName, Ticket current) {
    started = true;
    presence.attach(this);
    out.offer(WatchTicketResponse.newBuilder().setCaughtUp(CaughtUp.getDefaultInstance()).build());
    presence.view(tenant(), ticketId, sessionId, userId(), displayName);
    boolean stale;
    synchronized (this) {
      stale = current.getVersion() > onScreen;
      onScreen = Math.max(onScreen, current.getVersion());
    }
    if (stale) {
      collision(
          current.getVersion(),
          Actor.getDefaultInstance(),
          FieldMask.getDefaultInstance(),
          current.getUpdatedAt());
    }
  }

  @Override
  public void offerLive(RoutedEvent env) {
    TicketEvent e = env.event();
    if (!e.getTicketId().equals(ticketId)) {
      return;
    }
    synchronized (this) {
      if (e.getTicketVersion() <= onScreen) {
        return;
      }
      onScreen = e.getTicketVersion();
    }
    // Comments and AI results add to the ticket without changing what the caller is editing.
    boolean fields = e.hasTicketUpdated() || e.hasTicketAssigned();
    if (fields && !e.getActor().getId().equals(userId())) {
      FieldMask changed =
          e.hasTicketUpdated()
              ? e.getTicketUpdated().getChangedFields()
              : FieldMask.getDefaultInstance();
      collision(e.getTicketVersion(), e.getActor(), changed, e.getOccurredAt());
    }
  }

  @Override
  public void offerEphemeral(RoutedEvent event) {
    // draft chunks are not changes of the ticket
  }

  private void collision(long version, Actor by, FieldMask changed, Timestamp at) {
    String who = by.getDisplayName().isEmpty() ? by.getId() : by.getDisplayName();
    CollisionNotice.Builder n =
        CollisionNotice.newBuilder()
            .setTicketId(ticketId)
            .setVersion(version)
            .setChangedBy(by)
            .setChangedFields(changed)
            .setChangedAt(at)
            .setMessage(
                "Ticket changed to version " + version + (who.isEmpty() ? "" : " by " + who));
    out.offerLatest("collision", WatchTicketResponse.newBuilder().setCollision(n).build());
  }

  /** Ends the watch with {@code error}: nothing more is sent, the caller stops being a viewer. */
  void fail(RuntimeException error) {
    out.fail(StatusMapper.toStatus(error));
    end();
  }

  /** The caller went away: it stops being a viewer everywhere. */
  void end() {
    out.close();
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    hub.unregister(this);
    if (started) {
      presence.detach(this);
      presence.gone(tenant(), sessionId, userId());
    }
  }

  @Override
  public UUID tenant() {
    return principal.requireTenant();
  }

  @Override
  public boolean viewing(String id) {
    return ticketId.equals(id);
  }

  @Override
  public void presence(PresenceSnapshot snapshot) {
    out.offerLatest("presence", WatchTicketResponse.newBuilder().setPresence(snapshot).build());
  }

  @Override
  public void typing(TypingIndicator indicator) {
    out.offerLatest(
        "typing:" + indicator.getUserId(),
        WatchTicketResponse.newBuilder().setTyping(indicator).build());
  }

  @Override
  public String userId() {
    return principal.subject().toString();
  }
}
