package io.meshdesk.reminder.dispatch;

import io.meshdesk.reminder.domain.Backoff;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.persistence.DeliveryStore;
import io.meshdesk.reminder.persistence.DeliveryStore.Leased;
import io.meshdesk.reminder.persistence.DeliveryStore.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.StreamMessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of the dispatch consumer group. Per batch: lease the rows (one attempt each), send
 * them through the gateways in parallel, record the outcomes, then ack. A worker that dies at any
 * point leaves messages unacked (another worker claims them after the visibility timeout) and rows
 * leased only until the same timeout, so nothing is lost; a resend after a crash carries the same
 * delivery id.
 */
public final class DispatchWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DispatchWorker.class);

  private final String consumer;
  private final DispatchQueue queue;
  private final DeliveryStore store;
  private final Map<Channel, Gateway> gateways;
  private final DispatchConfig config;
  private final Backoff backoff;
  private final Clock clock;
  private final DispatchStats stats;
  private final DispatchHooks hooks;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread thread;
  private volatile boolean running = true;
  private StreamMessageId claimCursor = StreamMessageId.MIN;
  private Instant nextClaim = Instant.EPOCH;

  public DispatchWorker(
      String consumer,
      DispatchQueue queue,
      DeliveryStore store,
      Map<Channel, Gateway> gateways,
      DispatchConfig config,
      Clock clock,
      DispatchStats stats,
      DispatchHooks hooks) {
    this.consumer = consumer;
    this.queue = queue;
    this.store = store;
    this.gateways = Map.copyOf(gateways);
    this.config = config;
    this.backoff = new Backoff(config.backoffBase(), config.backoffMax());
    this.clock = clock;
    this.stats = stats;
    this.hooks = hooks;
    this.thread = Thread.ofPlatform().daemon().name("reminder-" + consumer).unstarted(this::loop);
  }

  /** Starts the worker's thread. */
  public DispatchWorker start() {
    thread.start();
    return this;
  }

  /** Whether the worker is still running (false after close or a simulated kill). */
  public boolean alive() {
    return thread.isAlive();
  }

  /** The consumer name in the group. */
  public String consumer() {
    return consumer;
  }

  private void loop() {
    Duration pause = Duration.ofMillis(100);
    while (running) {
      try {
        Map<StreamMessageId, Map<String, String>> batch = new LinkedHashMap<>();
        if (!clock.instant().isBefore(nextClaim)) {
          AutoClaimResult<String, String> stale =
              queue.claimStale(
                  consumer, config.visibilityTimeout(), claimCursor, config.batchSize());
          claimCursor = stale.getNextId() == null ? StreamMessageId.MIN : stale.getNextId();
          if (StreamMessageId.MIN.equals(claimCursor) || stale.getMessages().isEmpty()) {
            nextClaim = clock.instant().plus(config.visibilityTimeout().dividedBy(4));
          }
          stats.claimed.add(stale.getMessages().size());
          batch.putAll(stale.getMessages());
        }
        if (batch.isEmpty()) {
          batch.putAll(queue.read(consumer, config.batchSize(), Duration.ofMillis(500)));
        }
        process(batch);
        pause = Duration.ofMillis(100);
      } catch (DispatchHooks.WorkerKilled e) {
        log.info("dispatch worker {} killed", consumer);
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn(
            "dispatch worker {}: {} (retrying in {} ms)", consumer, e.toString(), pause.toMillis());
        // Redis or PostgreSQL is unreachable; back off instead of spinning.
        try {
          Thread.sleep(pause);
        } catch (InterruptedException ie) {
          return;
        }
        pause =
            pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                ? Duration.ofSeconds(2)
                : pause.multipliedBy(2);
      }
    }
  }

  /** Handles one batch of stream messages. */
  void process(Map<StreamMessageId, Map<String, String>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Map<UUID, List<UUID>> byTenant = new HashMap<>();
    List<StreamMessageId> acks = new ArrayList<>(batch.keySet());
    for (Map<String, String> fields : batch.values()) {
      try {
        UUID tenant = UUID.fromString(fields.get(DispatchQueue.TENANT));
        byTenant
            .computeIfAbsent(tenant, t -> new ArrayList<>())
            .add(UUID.fromString(fields.get(DispatchQueue.DELIVERY)));
      } catch (RuntimeException malformed) {
        log.warn("dropping malformed reminder message {}", fields);
      }
    }
    List<UUID> sentIds = new ArrayList<>();
    Map<UUID, List<Outcome>> outcomes = new HashMap<>();
    int leasedCount = 0;
    for (var e : byTenant.entrySet()) {
      List<Leased> leased =
          store.lease(e.getKey(), e.getValue(), clock.instant(), config.visibilityTimeout());
      leasedCount += leased.size();
      outcomes.put(e.getKey(), sendAll(leased));
      leased.forEach(l -> sentIds.add(l.delivery().id()));
    }
    stats.skipped.add(batch.size() - leasedCount);
    hooks.afterSend(consumer, sentIds);
    for (var e : outcomes.entrySet()) {
      List<UUID> dead = store.record(e.getKey(), e.getValue(), config.maxAttempts());
      stats.deadLettered.add(dead.size());
    }
    hooks.beforeAck(consumer, sentIds);
    queue.ack(acks);
  }

  private List<Outcome> sendAll(List<Leased> leased) {
    List<Future<Outcome>> futures = new ArrayList<>(leased.size());
    for (Leased l : leased) {
      futures.add(senders.submit(() -> sendOne(l)));
    }
    List<Outcome> out = new ArrayList<>(leased.size());
    for (Future<Outcome> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sending", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("sender failed", e.getCause());
      }
    }
    return out;
  }

  private Outcome sendOne(Leased l) {
    Delivery d = l.delivery();
    Gateway gateway = gateways.get(d.channel());
    try {
      if (gateway == null) {
        throw new Gateway.DeliveryFailedException("no gateway for " + d.channel(), null);
      }
      gateway.send(d, l.signingSecret());
      stats.delivered.increment();
      return new Outcome(d.id(), d.attempts(), true, clock.instant(), null, null);
    } catch (Gateway.DeliveryFailedException | RuntimeException e) {
      stats.failed.increment();
      Instant now = clock.instant();
      Instant retry = now.plus(backoff.delayAfter(d.attempts()));
      Instant retryAt = l.quietHours().map(q -> q.nextAllowed(retry)).orElse(retry);
      return new Outcome(d.id(), d.attempts(), false, now, e.getMessage(), retryAt);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }
}
