package io.meshdesk.ticket.session;

import io.meshdesk.api.ticket.v1.CommentVisibility;
import io.meshdesk.api.ticket.v1.PresenceSnapshot;
import io.meshdesk.api.ticket.v1.TypingIndicator;
import io.meshdesk.ticket.session.PresenceMessage.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence shared by every instance through a Redis topic: who is online, who views which ticket
 * and who is typing. Each instance publishes its sessions' announcements ({@link PresenceCodec})
 * and feeds every announcement it hears into its own {@link PresenceReplica}, which notifies the
 * instance's sessions. Typing is per user and ticket; every replica clears it by itself {@code
 * typingTtl} after the last "typing" announcement, so a browser that vanishes mid-sentence stops
 * "typing".
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

  /** A session of this instance that announced itself online. */
  private record Local(UUID tenant, String user) {}

  private final RTopic topic;
  private final Clock clock;
  private final PresenceReplica replica;
  private final Duration typingTtl;
  private final int listenerId;
  private final Map<String, Local> mine = new ConcurrentHashMap<>();
  private volatile boolean closed;
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
    this.replica = new PresenceReplica(clock, typingTtl, ttl);
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
    replica.attach(l);
  }

  /** Removes a local session. */
  public void detach(Listener l) {
    replica.detach(l);
  }

  /** Announces that a session is online. */
  public void online(UUID tenant, String session, String user) {
    mine.put(session, new Local(tenant, user));
    send(PresenceMessage.session(Kind.ONLINE, tenant, session, user, clock.millis()));
  }

  /** Announces that a session ended (online status and every view go). */
  public void gone(UUID tenant, String session, String user) {
    mine.remove(session);
    send(PresenceMessage.session(Kind.GONE, tenant, session, user, clock.millis()));
  }

  /** Announces that a session views a ticket. */
  public void view(UUID tenant, String ticketId, String session, String user, String name) {
    send(message(Kind.VIEW, tenant, ticketId, session, user, name, false, unspecified()));
  }

  /** Announces that a session stopped viewing a ticket. */
  public void stop(UUID tenant, String ticketId, String session, String user) {
    send(message(Kind.STOP, tenant, ticketId, session, user, "", false, unspecified()));
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
    send(message(Kind.TYPING, tenant, ticketId, session, user, name, typing, v));
  }

  /** Users with an open session in the tenant, on any instance, announced within the TTL. */
  public Set<UUID> onlineUsers(UUID tenant) {
    return replica.onlineUsers(tenant);
  }

  /**
   * Re-announces this instance's online sessions (runs every {@code refresh}; tests call it
   * directly).
   */
  public void refresh() {
    mine.forEach(
        (session, l) ->
            send(
                PresenceMessage.session(
                    Kind.ONLINE, l.tenant(), session, l.user(), clock.millis())));
  }

  /**
   * Forgets sessions not announced within the TTL, with their views (runs every {@code refresh};
   * tests call it directly). Returns how many were forgotten.
   */
  public int expire() {
    return replica.expire();
  }

  private PresenceMessage message(
      Kind kind,
      UUID tenant,
      String ticket,
      String session,
      String user,
      String name,
      boolean typing,
      CommentVisibility v) {
    return new PresenceMessage(
        kind, tenant, ticket, session, user, name, typing, v, clock.millis());
  }

  private static CommentVisibility unspecified() {
    return CommentVisibility.COMMENT_VISIBILITY_UNSPECIFIED;
  }

  private void send(PresenceMessage m) {
    if (closed) {
      return; // a stopped instance announces nothing; its sessions expire elsewhere
    }
    try {
      topic.publish(PresenceCodec.encode(m));
    } catch (RuntimeException e) {
      log.debug("presence not shared (redis unavailable): {}", e.toString());
    }
  }

  private void onMessage(String text) {
    PresenceCodec.decode(text)
        .ifPresent(
            m -> {
              replica.apply(m);
              if (m.kind() == Kind.TYPING && m.typing()) {
                expiry.schedule(replica::expireTyping, typingTtl.toMillis(), TimeUnit.MILLISECONDS);
              }
            });
  }

  @Override
  public void close() {
    closed = true;
    topic.removeListener(listenerId);
    expiry.shutdownNow();
  }
}
