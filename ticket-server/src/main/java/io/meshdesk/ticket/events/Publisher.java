package io.meshdesk.ticket.events;

import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.ai.AiJobs;
import io.meshdesk.ticket.persistence.AfterCommit;
import io.meshdesk.ticket.persistence.RoutedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RTopic;
import org.redisson.api.RTopicAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed events and AI jobs to Redis, after commit, on one thread (so one instance's
 * events reach the topic in sequence order; what queued up meanwhile goes as one pipelined batch),
 * then marks them done in PostgreSQL in batches. When Redis fails it stops trying for a second and
 * leaves the work to the relay sweeps: a create never waits for Redis.
 */
public final class Publisher implements AfterCommit, AutoCloseable {

  /** Topic carrying {@link RoutedEvent} bytes of every tenant. */
  public static final String EVENTS_TOPIC =
      io.meshdesk.platform.redis.RedisKeys.TICKET_EVENTS_TOPIC;

  private static final Logger log = LoggerFactory.getLogger(Publisher.class);
  private static final long BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final RedissonClient redis;
  private final RTopic topic;
  private final AiJobs aiJobs;
  private final Transactions tx;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(50_000);
  private final Thread thread;
  private final ThreadPoolExecutor fanout =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(10_000),
          Thread.ofPlatform().daemon().name("ticket-local-fanout").factory(),
          new ThreadPoolExecutor.AbortPolicy());
  private volatile Consumer<RoutedEvent> local;
  private volatile boolean running = true;
  private volatile long failedAt;

  public Publisher(RedissonClient redis, Transactions tx, AiJobs aiJobs) {
    this.redis = redis;
    this.topic = redis.getTopic(EVENTS_TOPIC, ByteArrayCodec.INSTANCE);
    this.tx = tx;
    this.aiJobs = aiJobs;
    this.thread = Thread.ofPlatform().daemon().name("ticket-publisher").start(this::loop);
  }

  /**
   * Also hands every committed event to {@code local} (this instance's event hub) on a fan-out
   * thread, so local streams need not wait for Redis. Best effort: when that thread falls behind,
   * the Redis copy delivers the event.
   */
  public void deliverLocallyTo(Consumer<RoutedEvent> local) {
    this.local = local;
  }

  /** Queues what a committed transaction produced. Never blocks; overflow is left to the relays. */
  @Override
  public void afterCommit(List<RoutedEvent> events, List<AiJob> jobs) {
    Consumer<RoutedEvent> l = local;
    if (l != null && !events.isEmpty()) {
      List<RoutedEvent> copy = List.copyOf(events);
      try {
        fanout.execute(() -> copy.forEach(l));
      } catch (RejectedExecutionException e) {
        // behind or closed: the Redis copy delivers them
      }
    }
    for (RoutedEvent e : events) {
      queue.offer(e);
    }
    for (AiJob j : jobs) {
      queue.offer(j);
    }
  }

  /** Publishes one event now (relay sweeps); false when Redis refused it. */
  public boolean publishNow(RoutedEvent e) {
    try {
      topic.publish(e.toBytes());
      return true;
    } catch (RuntimeException ex) {
      log.debug("publish failed: {}", ex.toString());
      return false;
    }
  }

  /** The topic, for publishing ephemeral events. */
  RTopic topic() {
    return topic;
  }

  private void loop() {
    Map<UUID, List<Long>> published = new HashMap<>();
    Map<UUID, List<String>> enqueued = new HashMap<>();
    List<Object> batch = new ArrayList<>(256);
    while (running) {
      try {
        Object first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, 255);
          send(batch, published, enqueued);
          batch.clear();
        }
        if (queue.isEmpty() && (!published.isEmpty() || !enqueued.isEmpty())) {
          flushMarks(published, enqueued);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("publisher: {}", e.toString());
      }
    }
  }

  /**
   * Sends everything waiting as one pipelined Redis batch: one round trip however many events
   * queued up, and the batch keeps their order on one connection.
   */
  private void send(
      List<Object> items, Map<UUID, List<Long>> published, Map<UUID, List<String>> enqueued) {
    if (System.nanoTime() - failedAt < BACKOFF_NANOS && failedAt != 0) {
      return; // Redis is failing: the relays publish it later
    }
    try {
      if (items.size() == 1 && items.get(0) instanceof RoutedEvent e) {
        topic.publish(e.toBytes());
      } else {
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        RTopicAsync batchTopic = batch.getTopic(EVENTS_TOPIC, ByteArrayCodec.INSTANCE);
        for (Object item : items) {
          if (item instanceof RoutedEvent e) {
            batchTopic.publishAsync(e.toBytes());
          } else if (item instanceof AiJob j) {
            AiJobs.addTo(batch, j);
          }
        }
        batch.execute();
      }
      for (Object item : items) {
        if (item instanceof RoutedEvent e) {
          published.computeIfAbsent(e.tenant(), k -> new ArrayList<>()).add(e.sequence());
        } else if (item instanceof AiJob j) {
          enqueued
              .computeIfAbsent(UUID.fromString(j.getTenantId()), k -> new ArrayList<>())
              .add(j.getJobId());
        }
      }
    } catch (RuntimeException ex) {
      failedAt = System.nanoTime();
      log.warn("redis unavailable, leaving work to the relay: {}", ex.toString());
    }
  }

  private void flushMarks(Map<UUID, List<Long>> published, Map<UUID, List<String>> enqueued) {
    try {
      for (var e : published.entrySet()) {
        long[] seqs = e.getValue().stream().mapToLong(Long::longValue).toArray();
        tx.inTenant(
            e.getKey(),
            c -> {
              Outbox.markPublished(c, seqs);
              return null;
            });
      }
      for (var e : enqueued.entrySet()) {
        tx.inTenant(
            e.getKey(),
            c -> {
              AiJobs.markEnqueued(c, e.getValue());
              return null;
            });
      }
    } catch (RuntimeException ex) {
      log.warn("could not mark published work (the relay republishes it): {}", ex.toString());
    } finally {
      published.clear();
      enqueued.clear();
    }
  }

  @Override
  public void close() {
    running = false;
    fanout.shutdownNow();
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
