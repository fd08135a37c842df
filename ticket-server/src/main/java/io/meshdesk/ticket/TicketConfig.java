package io.meshdesk.ticket;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import java.time.Duration;

/**
 * Settings of the ticket context.
 *
 * @param relayInterval how often the outbox relay republishes events left unpublished
 * @param relayMinAge an unpublished event younger than this is left to the after-commit publisher
 * @param gapWait how long a stream waits for an out-of-order event from Redis before reading it
 *     from PostgreSQL
 * @param subscriberBuffer events one stream may hold for a slow client before it is told to resync
 * @param slaCheckInterval how often SLA deadlines are checked
 * @param aiSweepInterval how often pending AI jobs are checked for re-enqueueing
 * @param aiRequeueAfter a pending AI job enqueued longer ago than this is enqueued again
 * @param autoAssign whether tickets routed to a team are assigned round-robin to its online agents
 * @param catchUpPage events read from the outbox per query when a stream replays or fills a gap
 * @param heartbeatInterval a Subscribe stream or AgentSession that sent nothing for this long gets
 *     a Heartbeat
 * @param presenceRefresh how often each instance re-announces its agent sessions as online
 * @param presenceTtl an online agent not re-announced for this long counts as offline
 * @param outboxRetention published outbox events older than this are pruned
 * @param outboxPruneInterval how often the outbox is pruned
 * @param maxStreamsPerPrincipal streams (Subscribe, AgentSession, WatchTicket together) one user or
 *     service account may hold open on one instance; more get RESOURCE_EXHAUSTED
 */
public record TicketConfig(
    Duration relayInterval,
    Duration relayMinAge,
    Duration gapWait,
    int subscriberBuffer,
    Duration slaCheckInterval,
    Duration aiSweepInterval,
    Duration aiRequeueAfter,
    boolean autoAssign,
    int catchUpPage,
    Duration heartbeatInterval,
    Duration presenceRefresh,
    Duration presenceTtl,
    Duration outboxRetention,
    Duration outboxPruneInterval,
    int maxStreamsPerPrincipal) {

  public TicketConfig {
    if (subscriberBuffer < 16) {
      throw new IllegalArgumentException("subscriberBuffer must be at least 16");
    }
    if (maxStreamsPerPrincipal < 1) {
      throw new IllegalArgumentException("maxStreamsPerPrincipal must be at least 1");
    }
    if (catchUpPage < 1) {
      throw new IllegalArgumentException("catchUpPage must be at least 1");
    }
    for (Duration d :
        new Duration[] {heartbeatInterval, presenceRefresh, outboxRetention, outboxPruneInterval}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            "heartbeat, presence refresh and outbox intervals must be positive");
      }
    }
    if (presenceTtl.compareTo(presenceRefresh.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "presenceTtl must be at least twice presenceRefresh (one lost refresh is no expiry)");
    }
  }

  /**
   * Defaults: relay every second, 10,000-event buffers, SLA checks every 30 s, no auto-assignment,
   * 500-event catch-up pages, a heartbeat after 30 s of silence, presence refreshed every 10 s and
   * expired after 30 s, outbox events kept 7 days and pruned hourly, 20 streams per principal.
   */
  public static TicketConfig defaults() {
    return new TicketConfig(
        Duration.ofSeconds(1),
        Duration.ofMillis(500),
        Duration.ofMillis(20),
        10_000,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        false,
        500,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofDays(7),
        Duration.ofHours(1),
        20);
  }

  /**
   * Reads {@code MESHDESK_TICKET_SUBSCRIBER_BUFFER} (default 10000), {@code
   * MESHDESK_TICKET_SLA_CHECK_INTERVAL} (30s), {@code MESHDESK_TICKET_AUTO_ASSIGN} (false), {@code
   * MESHDESK_TICKET_HEARTBEAT_INTERVAL} (30s), {@code MESHDESK_TICKET_PRESENCE_REFRESH_INTERVAL}
   * (10s), {@code MESHDESK_TICKET_PRESENCE_TTL} (30s), {@code MESHDESK_TICKET_OUTBOX_RETENTION}
   * (7d) and {@code MESHDESK_TICKET_MAX_STREAMS_PER_PRINCIPAL} (20).
   */
  public static TicketConfig fromEnv(Env env) {
    try {
      return read(env);
    } catch (IllegalArgumentException e) {
      // A combination of settings that each parsed (e.g. a TTL shorter than two refreshes).
      throw new ConfigException("MESHDESK_TICKET_*", e.getMessage());
    }
  }

  private static TicketConfig read(Env env) {
    TicketConfig d = defaults();
    return new TicketConfig(
        d.relayInterval(),
        d.relayMinAge(),
        d.gapWait(),
        env.integer("MESHDESK_TICKET_SUBSCRIBER_BUFFER", d.subscriberBuffer(), 16, 10_000_000),
        env.duration("MESHDESK_TICKET_SLA_CHECK_INTERVAL", d.slaCheckInterval()),
        d.aiSweepInterval(),
        env.duration("MESHDESK_TICKET_AI_REQUEUE_AFTER", d.aiRequeueAfter()),
        env.bool("MESHDESK_TICKET_AUTO_ASSIGN", d.autoAssign()),
        d.catchUpPage(),
        env.duration("MESHDESK_TICKET_HEARTBEAT_INTERVAL", d.heartbeatInterval()),
        env.duration("MESHDESK_TICKET_PRESENCE_REFRESH_INTERVAL", d.presenceRefresh()),
        env.duration("MESHDESK_TICKET_PRESENCE_TTL", d.presenceTtl()),
        env.duration("MESHDESK_TICKET_OUTBOX_RETENTION", d.outboxRetention()),
        d.outboxPruneInterval(),
        env.integer(
            "MESHDESK_TICKET_MAX_STREAMS_PER_PRINCIPAL", d.maxStreamsPerPrincipal(), 1, 10_000));
  }

  /** A copy with another subscriber buffer. */
  public TicketConfig withSubscriberBuffer(int events) {
    return copy(f -> f.subscriberBuffer = events);
  }

  /** A copy with auto-assignment on or off. */
  public TicketConfig withAutoAssign(boolean on) {
    return copy(f -> f.autoAssign = on);
  }

  /** A copy with another catch-up page size. */
  public TicketConfig withCatchUpPage(int events) {
    return copy(f -> f.catchUpPage = events);
  }

  /** A copy with another SLA check interval. */
  public TicketConfig withSlaCheckInterval(Duration interval) {
    return copy(f -> f.slaCheckInterval = interval);
  }

  /** A copy with another outbox relay interval. */
  public TicketConfig withRelayInterval(Duration interval) {
    return copy(f -> f.relayInterval = interval);
  }

  /** A copy with another heartbeat interval. */
  public TicketConfig withHeartbeatInterval(Duration interval) {
    return copy(f -> f.heartbeatInterval = interval);
  }

  /** A copy with another presence refresh interval and expiry. */
  public TicketConfig withPresence(Duration refresh, Duration ttl) {
    return copy(
        f -> {
          f.presenceRefresh = refresh;
          f.presenceTtl = ttl;
        });
  }

  /** A copy with another outbox retention and prune interval. */
  public TicketConfig withOutboxRetention(Duration retention, Duration pruneInterval) {
    return copy(
        f -> {
          f.outboxRetention = retention;
          f.outboxPruneInterval = pruneInterval;
        });
  }

  /** A copy with another limit of open streams per principal. */
  public TicketConfig withMaxStreamsPerPrincipal(int streams) {
    return copy(f -> f.maxStreamsPerPrincipal = streams);
  }

  /** This configuration with {@code change} applied to a copy of its fields (validated again). */
  private TicketConfig copy(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** The record's fields, mutable: the one place that lists them all for the copies. */
  private static final class Fields {
    Duration relayInterval;
    Duration relayMinAge;
    Duration gapWait;
    int subscriberBuffer;
    Duration slaCheckInterval;
    Duration aiSweepInterval;
    Duration aiRequeueAfter;
    boolean autoAssign;
    int catchUpPage;
    Duration heartbeatInterval;
    Duration presenceRefresh;
    Duration presenceTtl;
    Duration outboxRetention;
    Duration outboxPruneInterval;
    int maxStreamsPerPrincipal;

    Fields(TicketConfig c) {
      relayInterval = c.relayInterval;
      relayMinAge = c.relayMinAge;
      gapWait = c.gapWait;
      subscriberBuffer = c.subscriberBuffer;
      slaCheckInterval = c.slaCheckInterval;
      aiSweepInterval = c.aiSweepInterval;
      aiRequeueAfter = c.aiRequeueAfter;
      autoAssign = c.autoAssign;
      catchUpPage = c.catchUpPage;
      heartbeatInterval = c.heartbeatInterval;
      presenceRefresh = c.presenceRefresh;
      presenceTtl = c.presenceTtl;
      outboxRetention = c.outboxRetention;
      outboxPruneInterval = c.outboxPruneInterval;
      maxStreamsPerPrincipal = c.maxStreamsPerPrincipal;
    }

    TicketConfig build() {
      return new TicketConfig(
          relayInterval,
          relayMinAge,
          gapWait,
          subscriberBuffer,
          slaCheckInterval,
          aiSweepInterval,
          aiRequeueAfter,
          autoAssign,
          catchUpPage,
          heartbeatInterval,
          presenceRefresh,
          presenceTtl,
          outboxRetention,
          outboxPruneInterval,
          maxStreamsPerPrincipal);
    }
  }
}
