package io.meshdesk.ticket.session;

import com.google.protobuf.Timestamp;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.PresenceSnapshot;
import io.meshdesk.api.ticket.v1.TypingIndicator;
import io.meshdesk.api.ticket.v1.ViewerPresence;
import io.meshdesk.platform.proto.ProtoTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One instance's picture of presence, built from the {@link PresenceMessage}s of every instance:
 * who is online, who views which ticket and who is typing. It tells its {@link
 * PresenceHub.Listener}s about changes on the tickets they view. Time comes only from the clock:
 * nothing expires until {@link #expire()} or {@link #expireTyping()} runs.
 *
 * <p>An online session not announced for {@code ttl} is forgotten with its views; a typing
 * indicator not renewed for {@code typingTtl} clears.
 */
public final class PresenceReplica {

  /** An online session: its user and when it was last announced (this replica's clock). */
  private record Online(String user, long seenAt) {}

  /** A user typing on a ticket, until a time on this replica's clock. */
  private record Typing(
      UUID tenant, String ticket, String user, String name, CommentVisibility vis, long until) {}

  private final Clock clock;
  private final Duration typingTtl;
  private final Duration ttl;
  private final Map<UUID, Map<String, Map<String, ViewerPresence>>> viewers =
      new ConcurrentHashMap<>();
  private final Map<UUID, Map<String, Online>> online = new ConcurrentHashMap<>();
  private final Map<String, Typing> typing = new ConcurrentHashMap<>();
  private final Set<PresenceHub.Listener> listeners = ConcurrentHashMap.newKeySet();

  /**
   * @param typingTtl a typing indicator clears this long after its last renewal
   * @param ttl an online session not announced for this long is forgotten
   */
  public PresenceReplica(Clock clock, Duration typingTtl, Duration ttl) {
    this.clock = clock;
    this.typingTtl = typingTtl;
    this.ttl = ttl;
  }

  /** Adds a local session to notify. */
  public void attach(PresenceHub.Listener l) {
    listeners.add(l);
  }

  /** Stops notifying a local session. */
  public void detach(PresenceHub.Listener l) {
    listeners.remove(l);
  }

  /** Takes in one announcement from any instance, this one included. */
  public void apply(PresenceMessage m) {
    switch (m.kind()) {
      case ONLINE ->
          online
              .computeIfAbsent(m.tenant(), k -> new ConcurrentHashMap<>())
              .put(m.session(), new Online(m.user(), clock.millis()));
      case GONE -> {
        Map<String, Online> on = online.get(m.tenant());
        if (on != null) {
          on.remove(m.session()); // a watch-only (browser) session never announced itself online
        }
        dropViews(m.tenant(), m.session());
      }
      case VIEW -> {
        Map<String, ViewerPresence> v =
            viewers
                .computeIfAbsent(m.tenant(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(m.ticket(), k -> new ConcurrentHashMap<>());
        v.put(
            m.session(),
            ViewerPresence.newBuilder()
                .setUserId(m.user())
                .setDisplayName(m.name())
                .setSince(ts(m.sentAt()))
                .build());
        notifyPresence(m.tenant(), m.ticket(), v);
      }
      case STOP -> {
        Map<String, ViewerPresence> v = viewers.getOrDefault(m.tenant(), Map.of()).get(m.ticket());
        if (v != null && v.remove(m.session()) != null) {
          notifyPresence(m.tenant(), m.ticket(), v);
        }
      }
      case TYPING -> {
        String key = m.tenant() + "/" + m.ticket() + "/" + m.user();
        if (m.typing()) {
          typing.put(
              key,
              new Typing(
                  m.tenant(),
                  m.ticket(),
                  m.user(),
                  m.name(),
                  m.visibility(),
                  clock.millis() + typingTtl.toMillis()));
        } else {
          typing.remove(key);
        }
        notifyTyping(m.tenant(), m.ticket(), m.user(), m.name(), m.typing(), m.visibility());
      }
    }
  }

  /** Users with a session in the tenant announced within the TTL. */
  public Set<UUID> onlineUsers(UUID tenant) {
    long oldest = clock.millis() - ttl.toMillis();
    return online.getOrDefault(tenant, Map.of()).values().stream()
        .filter(o -> o.seenAt() >= oldest)
        .map(o -> UUID.fromString(o.user()))
        .collect(Collectors.toSet());
  }

  /** Forgets sessions not announced within the TTL, with their views; returns how many. */
  public int expire() {
    long oldest = clock.millis() - ttl.toMillis();
    int n = 0;
    for (var tenant : online.entrySet()) {
      for (var e : tenant.getValue().entrySet()) {
        if (e.getValue().seenAt() < oldest && tenant.getValue().remove(e.getKey(), e.getValue())) {
          dropViews(tenant.getKey(), e.getKey());
          n++;
        }
      }
    }
    return n;
  }

  /** Clears typing indicators not renewed within the typing TTL; returns how many. */
  public int expireTyping() {
    long now = clock.millis();
    int n = 0;
    for (var e : typing.entrySet()) {
      Typing t = e.getValue();
      if (t.until() <= now && typing.remove(e.getKey(), t)) {
        notifyTyping(t.tenant(), t.ticket(), t.user(), t.name(), false, t.vis());
        n++;
      }
    }
    return n;
  }

  private void dropViews(UUID tenant, String session) {
    viewers
        .getOrDefault(tenant, Map.of())
        .forEach(
            (t, v) -> {
              if (v.remove(session) != null) {
                notifyPresence(tenant, t, v);
              }
            });
  }

  /** Marks the user's views of the ticket and tells local viewers other than the user. */
  private void notifyTyping(
      UUID tenant, String ticket, String user, String name, boolean on, CommentVisibility vis) {
    Map<String, ViewerPresence> v = viewers.getOrDefault(tenant, Map.of()).get(ticket);
    if (v != null) {
      v.replaceAll((s, p) -> p.getUserId().equals(user) ? p.toBuilder().setTyping(on).build() : p);
    }
    TypingIndicator indicator =
        TypingIndicator.newBuilder()
            .setTicketId(ticket)
            .setUserId(user)
            .setDisplayName(name)
            .setTyping(on)
            .setVisibility(vis)
            .build();
    for (PresenceHub.Listener l : listeners) {
      if (l.tenant().equals(tenant) && l.viewing(ticket) && !l.userId().equals(user)) {
        l.typing(indicator);
      }
    }
  }

  private void notifyPresence(UUID tenant, String ticket, Map<String, ViewerPresence> v) {
    // One entry per person: an agent may view the same ticket from several sessions (two tabs, a
    // stream reconnecting before the old one is gone). Keep the earliest "since"; typing if any is.
    Map<String, ViewerPresence> byUser = new TreeMap<>();
    for (ViewerPresence p : v.values()) {
      byUser.merge(
          p.getUserId(),
          p,
          (a, b) ->
              (earlier(a.getSince(), b.getSince()) ? a : b)
                  .toBuilder().setTyping(a.getTyping() || b.getTyping()).build());
    }
    PresenceSnapshot snapshot =
        PresenceSnapshot.newBuilder()
            .setTicketId(ticket)
            .addAllViewers(List.copyOf(byUser.values()))
            .setAsOf(ts(clock.millis()))
            .build();
    for (PresenceHub.Listener l : listeners) {
      if (l.tenant().equals(tenant) && l.viewing(ticket)) {
        l.presence(snapshot);
      }
    }
  }

  private static boolean earlier(Timestamp a, Timestamp b) {
    return a.getSeconds() < b.getSeconds()
        || (a.getSeconds() == b.getSeconds() && a.getNanos() <= b.getNanos());
  }

  private static Timestamp ts(long millis) {
    return ProtoTime.timestamp(Instant.ofEpochMilli(millis));
  }
}
