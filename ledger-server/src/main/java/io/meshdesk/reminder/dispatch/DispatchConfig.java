package io.meshdesk.reminder.dispatch;

import io.meshdesk.platform.config.Env;
import java.time.Duration;

/**
 * Settings of reminder dispatch.
 *
 * @param workers dispatch workers per instance ({@code MESHDESK_REMINDER_WORKERS}, default 2)
 * @param batchSize messages a worker reads at once ({@code MESHDESK_REMINDER_BATCH}, default 200)
 * @param visibilityTimeout how long a delivery stays leased to a worker, and how long an unacked
 *     message waits before another worker claims it ({@code MESHDESK_REMINDER_VISIBILITY}, 30s)
 * @param requeueAfter how long a row may sit "on the stream" unleased before the sweep assumes
 *     Redis lost it and enqueues it again ({@code MESHDESK_REMINDER_REQUEUE_AFTER}, 60s)
 * @param maxAttempts attempts before dead-lettering ({@code MESHDESK_REMINDER_MAX_ATTEMPTS}, 8)
 * @param backoffBase first retry wait ({@code MESHDESK_REMINDER_BACKOFF_BASE}, 5s)
 * @param backoffMax longest retry wait ({@code MESHDESK_REMINDER_BACKOFF_MAX}, 1h)
 * @param pumpInterval how often due rows are moved to the stream ({@code
 *     MESHDESK_REMINDER_PUMP_INTERVAL}, 250ms)
 * @param sendTimeout gateway timeout ({@code MESHDESK_REMINDER_SEND_TIMEOUT}, 10s)
 * @param allowPrivateWebhooks let webhooks reach loopback, private and link-local addresses ({@code
 *     MESHDESK_REMINDER_WEBHOOK_ALLOW_PRIVATE}, default false; for tests and benchmarks on one
 *     machine only, logged at WARN when on)
 */
public record DispatchConfig(
    int workers,
    int batchSize,
    Duration visibilityTimeout,
    Duration requeueAfter,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration pumpInterval,
    Duration sendTimeout,
    boolean allowPrivateWebhooks) {

  /** Environment variable of {@link #allowPrivateWebhooks}. */
  public static final String ALLOW_PRIVATE_ENV = "MESHDESK_REMINDER_WEBHOOK_ALLOW_PRIVATE";

  /**
   * Stream the deliveries travel on. The hash tag keeps it and its epoch key ({@code STREAM +
   * ":epoch"}) in one Redis Cluster slot: a node that loses the stream loses the epoch with it,
   * which is how a dispatcher notices the loss and re-enqueues from PostgreSQL.
   */
  public static final String STREAM = "{reminders}:dispatch";

  /** Consumer group of the dispatch workers. */
  public static final String GROUP = "dispatchers";

  public DispatchConfig {
    if (workers < 0 || batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "workers >= 0, batchSize >= 1 and maxAttempts >= 1 required");
    }
    if (requeueAfter.compareTo(visibilityTimeout) <= 0) {
      throw new IllegalArgumentException("requeueAfter must exceed visibilityTimeout");
    }
    if (sendTimeout.compareTo(visibilityTimeout) >= 0) {
      // Otherwise a slow send could outlive its lease and another worker would send it again.
      throw new IllegalArgumentException("sendTimeout must be shorter than visibilityTimeout");
    }
  }

  /** Production defaults. */
  public static DispatchConfig defaults() {
    return new DispatchConfig(
        2,
        200,
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        8,
        Duration.ofSeconds(5),
        Duration.ofHours(1),
        Duration.ofMillis(250),
        Duration.ofSeconds(10),
        false);
  }

  /** Reads {@code MESHDESK_REMINDER_*} over the defaults. */
  public static DispatchConfig fromEnv(Env env) {
    DispatchConfig d = defaults();
    return new DispatchConfig(
        env.integer("MESHDESK_REMINDER_WORKERS", d.workers, 0, 64),
        env.integer("MESHDESK_REMINDER_BATCH", d.batchSize, 1, 5000),
        env.duration("MESHDESK_REMINDER_VISIBILITY", d.visibilityTimeout),
        env.duration("MESHDESK_REMINDER_REQUEUE_AFTER", d.requeueAfter),
        env.integer("MESHDESK_REMINDER_MAX_ATTEMPTS", d.maxAttempts, 1, 100),
        env.duration("MESHDESK_REMINDER_BACKOFF_BASE", d.backoffBase),
        env.duration("MESHDESK_REMINDER_BACKOFF_MAX", d.backoffMax),
        env.duration("MESHDESK_REMINDER_PUMP_INTERVAL", d.pumpInterval),
        env.duration("MESHDESK_REMINDER_SEND_TIMEOUT", d.sendTimeout),
        env.bool(ALLOW_PRIVATE_ENV, d.allowPrivateWebhooks));
  }

  /**
   * Fast timings for tests; webhooks keep the production address policy (see {@link
   * #allowingPrivateWebhooks}).
   */
  public static DispatchConfig fast(int workers, int maxAttempts) {
    return new DispatchConfig(
        workers,
        200,
        Duration.ofSeconds(3),
        Duration.ofSeconds(4),
        maxAttempts,
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofMillis(50),
        Duration.ofSeconds(2),
        false);
  }

  /**
   * These settings with webhooks allowed to reach loopback and private addresses (tests with a
   * local receiver).
   */
  public DispatchConfig allowingPrivateWebhooks() {
    return new DispatchConfig(
        workers,
        batchSize,
        visibilityTimeout,
        requeueAfter,
        maxAttempts,
        backoffBase,
        backoffMax,
        pumpInterval,
        sendTimeout,
        true);
  }
}
