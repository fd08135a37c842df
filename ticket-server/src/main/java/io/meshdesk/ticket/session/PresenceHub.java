package io.meshdesk.ticket.session;

import com.google.protobuf.Timestamp;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.PresenceSnapshot;
import io.meshdesk.api.ticket.v1.TypingIndicator;
import io.meshdesk.api.ticket.v1.ViewerPresence;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence shared by every instance through a Redis topic: who is online, who views which ticket
 * and who is typing. Each instance keeps a replica built from the topic and notifies its own
 * sessions. A replica only knows what was announced since it started (sessions re-announce on
 * reconnect).
 */
public final class PresenceHub implements AutoCloseable {

  /** A local session that wants presence notifications. */
  public interface Listener {
    UUID tenant();

    /** Whether the session views the ticket. */
    boolean viewing(String ticketId);

    /** Viewers of a ticket it views changed. */
    void presence(PresenceSnapshot snapshot);

    /** Someone typed on a ticket it views. */
    void typing(TypingIndicator indicator);

    /** The session's user id (so it does not hear its own typing). */
    String userId();
  }

  private static final Logger log = LoggerFactory.getLogger(PresenceHub.class);
  static final String TOPIC = "ticket:presence";

  private final RTopic topic;
  private final Clock clock;
  private final int listenerId;
  private final Map<UUID, Map<String, Map<String, ViewerPresence>>> viewers = new ConcurrentHashMap<>();
  private final Map<UUID, Map<String, String>> online = new ConcurrentHashMap<>();
  private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

  public PresenceHub(RedissonClient redis, Clock clock) {
    this.topic = redis.getTopic(TOPIC, StringCodec.INSTANCE);
    this.clock = clock;
    this.listenerId = topic.addListener(String.class, (ch, msg) -> onMessage(msg));
  }

  /** Adds a local session. */
  public void attach(Listener l) {
    listeners.add(l);
  }

  /** Removes a local session. */
  public void detach(Listener l) {
    listeners.remove(l);
  }

  /** Announces that a session is online. */
  public void online(UUID tenant, String session, String user) {
    send("online", tenant, "-", session, user, "", false, 0);
  }

  /** Announces that a session ended (online status and every view go). */
  public void gone(UUID tenant, String session, String user) {
    send("gone", tenant, "-", session, user, "", false, 0);
  }

  /** Announces that a session views a ticket. */
  public void view(UUID tenant, String ticketId, String session, String user, String name) {
    send("view", tenant, ticketId, session, user, name, false, 0);
  }

  /** Announces that a session stopped viewing a ticket. */
  public void stop(UUID tenant, String ticketId, String session, String user) {
    send("stop", tenant, ticketId, session, user, "", false, 0);
  }

  /** Announces typing state. */
  public void typing(UUID tenant, String ticketId, String session, String user, String name, boolean typing, CommentVisibility v) {
    send("typing", tenant, ticketId, session, user, name, typing, v.getNumber());
  }

  /** Users with an open session in the tenant, on any instance. */
  public Set<UUID> onlineUsers(UUID tenant) {
    return online.getOrDefault(tenant, Map.of()).values().stream().map(UUID::fromString).collect(java.util.stream.Collectors.toSet());
  }

  private void send(String kind, UUID tenant, String ticket, String session, String user, String name, boolean typing, int vis) {
    String msg = String.join("\u001f", kind, tenant.toString(), ticket, session, user, name.replace('\u001f', ' '),
        Boolean.toString(typing), Integer.toString(vis), Long.toString(clock.millis()));
    try {
      topic.publish(msg);
    } catch (RuntimeException e) {
      log.debug("presence not shared (redis unavailable): {}", e.toString());
    }
  }

  private void onMessage(String msg) {
    String[] f = msg.split("\u001f", -1);
    if (f.length != 9) {
      return;
    }
    String kind = f[0];
    UUID tenant = UUID.fromString(f[1]);
    String ticket = f[2];
    String session = f[3];
    String user = f[4];
    Map<String, Map<String, ViewerPresence>> byTicket = viewers.computeIfAbsent(tenant, k -> new ConcurrentHashMap<>());
    switch (kind) {
      case "online" -> online.computeIfAbsent(tenant, k -> new ConcurrentHashMap<>()).put(session, user);
      case "gone" -> {
        online.getOrDefault(tenant, Map.of()).remove(session);
        byTicket.forEach((t, v) -> {
          if (v.remove(session) != null) {
            notifyPresence(tenant, t, v);
          }
        });
      }
      case "view" -> {
        Map<String, ViewerPresence> v = byTicket.computeIfAbsent(ticket, k -> new ConcurrentHashMap<>());
        v.put(session, ViewerPresence.newBuilder().setUserId(user).setDisplayName(f[5]).setSince(ts(Long.parseLong(f[8]))).build());
        notifyPresence(tenant, ticket, v);
      }
      case "stop" -> {
        Map<String, ViewerPresence> v = byTicket.getOrDefault(ticket, Map.of());
        if (v.remove(session) != null) {
          notifyPresence(tenant, ticket, v);
        }
      }
      case "typing" -> {
        Map<String, ViewerPresence> v = byTicket.getOrDefault(ticket, Map.of());
        v.computeIfPresent(session, (k, p) -> p.toBuilder().setTyping(Boolean.parseBoolean(f[6])).build());
        TypingIndicator ind = TypingIndicator.newBuilder().setTicketId(ticket).setUserId(user).setDisplayName(f[5])
            .setTyping(Boolean.parseBoolean(f[6])).setVisibility(CommentVisibility.forNumber(Integer.parseInt(f[7]))).build();
        for (Listener l : listeners) {
          if (l.tenant().equals(tenant) && l.viewing(ticket) && !l.userId().equals(user)) {
            l.typing(ind);
          }
        }
      }
      default -> { }
    }
  }

  private void notifyPresence(UUID tenant, String ticket, Map<String, ViewerPresence> v) {
    List<ViewerPresence> list = v.values().stream().sorted(Comparator.comparing(ViewerPresence::getUserId)).toList();
    PresenceSnapshot snap = PresenceSnapshot.newBuilder().setTicketId(ticket).addAllViewers(list).setAsOf(ts(clock.millis())).build();
    for (Listener l : listeners) {
      if (l.tenant().equals(tenant) && l.viewing(ticket)) {
        l.presence(snap);
      }
    }
  }

  private static Timestamp ts(long millis) {
    return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000)).setNanos((int) Math.floorMod(millis, 1000) * 1_000_000).build();
  }

  @Override
  public void close() {
    topic.removeListener(listenerId);
  }
}
