package io.meshdesk.ticket.session;

import com.google.protobuf.Timestamp;
import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.PresenceSnapshot;
import io.meshdesk.api.ticket.v1.TypingIndicator;
import io.meshdesk.api.ticket.v1.ViewerPresence;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence shared by every instance through a Redis topic: who is online, who views which ticket
 * and who is typing. Each instance keeps a replica built from the topic and notifies its own
 * sessions. Typing is per user and ticket; every replica clears it by itself {@code typingTtl}
 * after the last "typing" announcement, so a browser that vanishes mid-sentence stops "typing".
 *
 * <p>Online status expires: every instance re-announces its own online sessions every {@code
 * refresh}, and a replica forgets a session (its online status and its views) not announced for
 * {@code ttl}, so a crashed instance or a lost "gone" cannot keep an agent online. Refreshes also
 * teach a replica started later who is already online.
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

  /** How long a typing indicator lasts without a refresh. */
  public static final Duration DEFAULT_TYPING_TTL = Duration.ofSeconds(6);

  /** How often an instance re-announces its online sessions by default. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  /** How long an online session lasts without a re-announcement by default. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  /**
   * An online session as a replica knows it: its user and when it was last announced (this
   * replica's clock).
   */
  private record Online(String user, long seenAt) {}

  /** A session of this instance that announced itself online. */
  private record Local(UUID tenant, String user) {}

  private final RTopic topic;
  private final Clock clock;
  private final int listenerId;
  private final Map<UUID, Map<String, Map<String, ViewerPresence>>> viewers =
      new ConcurrentHashMap<>();
  private final Map<UUID, Map<String, Online>> online = new ConcurrentHashMap<>();
  private final Map<String, Local> mine = new ConcurrentHashMap<>();
  private final Duration ttl;
  private volatile boolean closed;
  private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
  private final Duration typingTtl;
  private final Map<String, Long> typingUntil = new ConcurrentHashMap<>();
  private final AtomicLong typingStamp = new AtomicLong();
  private final ScheduledExecutorService expiry =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("presence-typing").factory());

  /**
   * A hub with the default typing expiry (6 s), presence refresh (10 s) and presence expiry (30 s).
   */
  public PresenceHub(RedissonClient redis, Clock clock) {
    this(redis, clock, DEFAULT_TYPING_TTL, DEFAULT_REFRESH, DEFAULT_TTL);
  }

  /**
   * @param typingTtl a typing indicator clears this long after the last update
   * @param refresh how often this instance re-announces its online sessions
   * @param ttl an online session not announced for this long (on {@code clock}) is forgotten
   */
  public PresenceHub(
      RedissonClient redis, Clock clock, Duration typingTtl, Duration refresh, Duration ttl) {
    this.topic = redis.getTopic(TOPIC, StringCodec.INSTANCE);
    this.clock = clock;
    this.typingTtl = typingTtl;
    this.ttl = ttl;
    this.listenerId = topic.addListener(String.class, (ch, msg) -> onMessage(msg));
    expiry.scheduleWithFixedDelay(
        () -> {
          try {
            refresh();
            expire();
          } catch (RuntimeException e) {
            log.debug("presence refresh failed: {}", e.toString());
          }
        },
        refresh.toMillis(),
        refresh.toMillis(),
        TimeUnit.MILLISECONDS);
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
    mine.put(session, new Local(tenant, user));
    send("online", tenant, "-", session, user, "", false, 0);
  }

  /** Announces that a session ended (online status and every view go). */
  public void gone(UUID tenant, String session, String user) {
    mine.remove(session);
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
  public void typing(
      UUID tenant,
      String ticketId,
      String session,
      String user,
      String name,
      boolean typing,
      CommentVisibility v) {
    send("typing", tenant, ticketId, session, user, name, typing, v.getNumber());
  }

  /** Users with an open session in the tenant, on any instance, announced within the TTL. */
  public Set<UUID> onlineUsers(UUID tenant) {
    long oldest = clock.millis() - ttl.toMillis();
    return online.getOrDefault(tenant, Map.of()).values().stream()
        .filter(o -> o.seenAt() >= oldest)
        .map(o -> UUID.fromString(o.user()))
        .collect(java.util.stream.Collectors.toSet());
  }

  /**
   * Re-announces this instance's online sessions (runs every {@code refresh}; tests call it
   * directly).
   */
  public void refresh() {
    mine.forEach((session, l) -> send("online", l.tenant(), "-", session, l.user(), "", false, 0));
  }

  /**
   * Forgets sessions not announced within the TTL, with their views (runs every {@code refresh};
   * tests call it directly). Returns how many were forgotten.
   */
  public int expire() {
    long oldest = clock.millis() - ttl.toMillis();
    int n = 0;
    for (var tenant : online.entrySet()) {
      for (var e : tenant.getValue().entrySet()) {
        if (e.getValue().seenAt() < oldest && tenant.getValue().remove(e.getKey(), e.getValue())) {
          log.debug("presence of session {} expired", e.getKey());
          dropViews(tenant.getKey(), e.getKey());
          n++;
        }
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

  private void send(
      String kind,
      UUID tenant,
      String ticket,
      String session,
      String user,
      String name,
      boolean typing,
      int vis) {
    if (closed) {
      return; // a stopped instance announces nothing; its sessions expire elsewhere
    }
    String msg =
        String.join(
            "\u001f",
            kind,
            tenant.toString(),
            ticket,
            session,
            user,
            name.replace('\u001f', ' '),
            Boolean.toString(typing),
            Integer.toString(vis),
            Long.toString(clock.millis()));
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
    Map<String, Map<String, ViewerPresence>> byTicket =
        viewers.computeIfAbsent(tenant, k -> new ConcurrentHashMap<>());
    switch (kind) {
      case "online" ->
          online
              .computeIfAbsent(tenant, k -> new ConcurrentHashMap<>())
              .put(session, new Online(user, clock.millis()));
      case "gone" -> {
        Map<String, Online> on = online.get(tenant);
        if (on != null) {
          on.remove(session); // a watch-only (browser) session never announced itself online
        }
        dropViews(tenant, session);
      }
      case "view" -> {
        Map<String, ViewerPresence> v =
            byTicket.computeIfAbsent(ticket, k -> new ConcurrentHashMap<>());
        v.put(
            session,
            ViewerPresence.newBuilder()
                .setUserId(user)
                .setDisplayName(f[5])
                .setSince(ts(Long.parseLong(f[8])))
                .build());
        notifyPresence(tenant, ticket, v);
      }
      case "stop" -> {
        Map<String, ViewerPresence> v = byTicket.get(ticket);
        if (v != null && v.remove(session) != null) {
          notifyPresence(tenant, ticket, v);
        }
      }
      case "typing" -> {
        boolean typing = Boolean.parseBoolean(f[6]);
        CommentVisibility vis = CommentVisibility.forNumber(Integer.parseInt(f[7]));
        String key = tenant + "/" + ticket + "/" + user;
        if (typing) {
          long stamp = typingStamp.incrementAndGet();
          typingUntil.put(key, stamp);
          expiry.schedule(
              () -> {
                if (typingUntil.remove(key, stamp)) {
                  typing(tenant, ticket, user, f[5], false, vis);
                }
              },
              typingTtl.toMillis(),
              TimeUnit.MILLISECONDS);
        } else {
          typingUntil.remove(key);
        }
        typing(tenant, ticket, user, f[5], typing, vis);
      }
      default -> {}
    }
  }

  /** Marks the user's views of the ticket and tells local viewers other than the user. */
  private void typing(
      UUID tenant, String ticket, String user, String name, boolean typing, CommentVisibility vis) {
    Map<String, ViewerPresence> v = viewers.getOrDefault(tenant, Map.of()).get(ticket);
    if (v != null) {
      v.replaceAll(
          (s, p) -> p.getUserId().equals(user) ? p.toBuilder().setTyping(typing).build() : p);
    }
    TypingIndicator ind =
        TypingIndicator.newBuilder()
            .setTicketId(ticket)
            .setUserId(user)
            .setDisplayName(name)
            .setTyping(typing)
            .setVisibility(vis == null ? CommentVisibility.COMMENT_VISIBILITY_UNSPECIFIED : vis)
            .build();
    for (Listener l : listeners) {
      if (l.tenant().equals(tenant) && l.viewing(ticket) && !l.userId().equals(user)) {
        l.typing(ind);
      }
    }
  }

  private void notifyPresence(UUID tenant, String ticket, Map<String, ViewerPresence> v) {
    // One entry per person: an agent may view the same ticket from several sessions (two tabs, a
    // stream reconnecting before the old one is gone). Keep the earliest "since"; typing if any is.
    Map<String, ViewerPresence> byUser = new java.util.TreeMap<>();
    for (ViewerPresence p : v.values()) {
      byUser.merge(
          p.getUserId(),
          p,
          (a, b) ->
              (earlier(a.getSince(), b.getSince()) ? a : b)
                  .toBuilder().setTyping(a.getTyping() || b.getTyping()).build());
    }
    List<ViewerPresence> list = List.copyOf(byUser.values());
    PresenceSnapshot snap =
        PresenceSnapshot.newBuilder()
            .setTicketId(ticket)
            .addAllViewers(list)
            .setAsOf(ts(clock.millis()))
            .build();
    for (Listener l : listeners) {
      if (l.tenant().equals(tenant) && l.viewing(ticket)) {
        l.presence(snap);
      }
    }
  }

  private static boolean earlier(Timestamp a, Timestamp b) {
    return a.getSeconds() < b.getSeconds()
        || (a.getSeconds() == b.getSeconds() && a.getNanos() <= b.getNanos());
  }

  private static Timestamp ts(long millis) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(millis, 1000))
        .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000)
        .build();
  }

  @Override
  public void close() {
    closed = true;
    topic.removeListener(listenerId);
    expiry.shutdownNow();
  }
}
