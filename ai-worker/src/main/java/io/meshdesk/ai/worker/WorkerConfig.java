package io.meshdesk.ai.worker;

import io.meshdesk.platform.config.Env;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings of the AI job consumer, read from {@code MESHDESK_AI_*} variables.
 *
 * @param consumerName this worker's name in the consumer group ({@code MESHDESK_AI_CONSUMER},
 *     default {@code worker-<random>}); unique per process
 * @param concurrency jobs processed at once by this worker ({@code MESHDESK_AI_CONCURRENCY},
 *     default 8)
 * @param visibilityTimeout how long a delivered, unacknowledged job belongs to its worker before
 *     another may claim it ({@code MESHDESK_AI_VISIBILITY_TIMEOUT}, default 60s; must exceed the
 *     longest draft, Gemini's timeout included)
 * @param maxDeliveries deliveries after which a failing job is dead-lettered ({@code
 *     MESHDESK_AI_MAX_DELIVERIES}, default 5)
 * @param ratePerMinute model (Gemini) calls allowed per tenant per minute ({@code
 *     MESHDESK_AI_RATE_PER_MINUTE}, default 60); above it the offline drafter answers
 * @param pollTimeout how long one blocking read waits for new jobs (default 1s)
 * @param claimInterval how often stale jobs are looked for ({@code MESHDESK_AI_CLAIM_INTERVAL},
 *     default a quarter of the visibility timeout)
 * @param retrievalLimit retrieved documents per draft (default 5)
 */
public record WorkerConfig(
    String consumerName,
    int concurrency,
    Duration visibilityTimeout,
    int maxDeliveries,
    int ratePerMinute,
    Duration pollTimeout,
    Duration claimInterval,
    int retrievalLimit) {

  /** Stream dead-lettered jobs go to. */
  public static final String DEAD_LETTER_STREAM = "ai:jobs:dead";

  /** Consumer group every worker joins. */
  public static final String GROUP = "ai-workers";

  public WorkerConfig {
    Objects.requireNonNull(consumerName, "consumerName");
    if (concurrency < 1 || maxDeliveries < 1 || ratePerMinute < 1 || retrievalLimit < 1) {
      throw new IllegalArgumentException(
          "concurrency, maxDeliveries, ratePerMinute and retrievalLimit must be >= 1");
    }
    if (visibilityTimeout.isNegative()
        || visibilityTimeout.isZero()
        || claimInterval.isNegative()
        || claimInterval.isZero()) {
      throw new IllegalArgumentException("visibilityTimeout and claimInterval must be positive");
    }
  }

  /** Defaults with a fresh consumer name. */
  public static WorkerConfig defaults() {
    return fromEnv(new Env(java.util.Map.of()));
  }

  /** Reads the {@code MESHDESK_AI_*} variables. */
  public static WorkerConfig fromEnv(Env env) {
    Duration visibility = env.duration("MESHDESK_AI_VISIBILITY_TIMEOUT", Duration.ofSeconds(60));
    return new WorkerConfig(
        env.string(
            "MESHDESK_AI_CONSUMER", "worker-" + UUID.randomUUID().toString().substring(0, 8)),
        env.integer("MESHDESK_AI_CONCURRENCY", 8, 1, 256),
        visibility,
        env.integer("MESHDESK_AI_MAX_DELIVERIES", 5, 1, 100),
        env.integer("MESHDESK_AI_RATE_PER_MINUTE", 60, 1, 1_000_000),
        Duration.ofSeconds(1),
        env.duration("MESHDESK_AI_CLAIM_INTERVAL", visibility.dividedBy(4)),
        5);
  }

  /** Copy for tests: another name, visibility timeout and delivery limit. */
  public WorkerConfig with(String name, Duration visibility, int deliveries) {
    return new WorkerConfig(
        name,
        concurrency,
        visibility,
        deliveries,
        ratePerMinute,
        Duration.ofMillis(200),
        visibility.dividedBy(4),
        retrievalLimit);
  }

  /** Copy with another rate limit. */
  public WorkerConfig withRatePerMinute(int rate) {
    return new WorkerConfig(
        consumerName,
        concurrency,
        visibilityTimeout,
        maxDeliveries,
        rate,
        pollTimeout,
        claimInterval,
        retrievalLimit);
  }
}
