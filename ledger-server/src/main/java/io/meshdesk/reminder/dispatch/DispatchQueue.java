package io.meshdesk.reminder.dispatch;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RStream;
import org.redisson.api.RStreamAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.RedisException;

/**
 * The Redis stream {@value DispatchConfig#STREAM} with its consumer group. It carries only (tenant,
 * delivery id); the row in PostgreSQL is the truth. After Redis lost everything the group is
 * created again on first use.
 */
public final class DispatchQueue {

  /** Message field: tenant id. */
  static final String TENANT = "t";

  /** Message field: delivery id. */
  static final String DELIVERY = "d";

  private final RedissonClient redis;
  private final RStream<String, String> stream;

  public DispatchQueue(RedissonClient redis) {
    this.redis = redis;
    this.stream = redis.getStream(DispatchConfig.STREAM);
  }

  /** Creates the stream and group if missing. */
  public void ensureGroup() {
    try {
      stream.createGroup(
          StreamCreateGroupArgs.name(DispatchConfig.GROUP).id(StreamMessageId.ALL).makeStream());
    } catch (RedisException e) {
      if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
        throw e;
      }
    }
  }

  /** Adds one message per delivery in one round trip. */
  public void publish(UUID tenantId, Collection<UUID> deliveryIds) {
    RBatch batch = redis.createBatch();
    RStreamAsync<String, String> s = batch.getStream(DispatchConfig.STREAM);
    String t = tenantId.toString();
    for (UUID id : deliveryIds) {
      s.addAsync(StreamAddArgs.entries(TENANT, t, DELIVERY, id.toString()));
    }
    batch.execute();
  }

  /** Reads up to {@code count} new messages for {@code consumer}, waiting up to {@code block}. */
  public Map<StreamMessageId, Map<String, String>> read(
      String consumer, int count, Duration block) {
    try {
      return stream.readGroup(
          DispatchConfig.GROUP,
          consumer,
          StreamReadGroupArgs.neverDelivered().count(count).timeout(block));
    } catch (RedisException e) {
      if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
        ensureGroup();
        return Map.of();
      }
      throw e;
    }
  }

  /**
   * Takes over messages another consumer left unacked for longer than {@code minIdle}.
   *
   * @return the claimed messages and the cursor to continue from
   */
  public AutoClaimResult<String, String> claimStale(
      String consumer, Duration minIdle, StreamMessageId from, int count) {
    try {
      return stream.autoClaim(
          DispatchConfig.GROUP, consumer, minIdle.toMillis(), TimeUnit.MILLISECONDS, from, count);
    } catch (RedisException e) {
      if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
        ensureGroup();
        return new AutoClaimResult<>(StreamMessageId.MIN, Map.of(), List.of());
      }
      throw e;
    }
  }

  /** Acknowledges messages. */
  public void ack(Collection<StreamMessageId> ids) {
    if (!ids.isEmpty()) {
      stream.ack(DispatchConfig.GROUP, ids.toArray(StreamMessageId[]::new));
    }
  }

  /**
   * The current Redis epoch: a random value kept in Redis. When it is missing Redis lost its data
   * (restart without persistence); the caller that sets the new one is told so.
   *
   * @param value the epoch now in Redis
   * @param createdNow whether this call created it (Redis was empty)
   */
  public record Epoch(String value, boolean createdNow) {}

  /** Reads the epoch, creating it when missing. */
  public Epoch epoch() {
    RBucket<String> key = redis.getBucket(DispatchConfig.STREAM + ":epoch");
    String current = key.get();
    if (current != null) {
      return new Epoch(current, false);
    }
    String fresh = UUID.randomUUID().toString();
    if (key.setIfAbsent(fresh)) {
      return new Epoch(fresh, true);
    }
    return new Epoch(key.get(), false);
  }

  /** Messages read but not acknowledged, across the group (0 when the group is gone). */
  public long pending() {
    try {
      return stream.getPendingInfo(DispatchConfig.GROUP).getTotal();
    } catch (RedisException e) {
      return 0;
    }
  }
}
