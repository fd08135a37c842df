package io.meshdesk.platform.redis;

/**
 * Names of the Redis streams and topics one server writes and another reads. Each name is written
 * here once, so writer and reader cannot drift apart; both prefix it with their configured key
 * prefix.
 */
public final class RedisKeys {

  /** Stream of AI jobs: the ticket server appends, the AI workers consume as one group. */
  public static final String AI_JOBS_STREAM = "ai:jobs";

  /**
   * Topic of committed ticket events: the ticket server publishes, its instances and the AI workers
   * listen.
   */
  public static final String TICKET_EVENTS_TOPIC = "ticket:events";

  private RedisKeys() {}
}
