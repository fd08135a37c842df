package io.meshdesk.ticket.events;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.persistence.CounterStore;
import io.meshdesk.ticket.persistence.RoutedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.api.listener.StatusListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's receiver of the Redis event topic. Per tenant it restores sequence order (events
 * of several instances can reach Redis out of order): an event ahead of the next expected one waits
 * {@code gapWait} for the missing ones, which are then read from PostgreSQL. Subscribers therefore
 * see every tenant event exactly once, in order, from the moment they register.
 */
public final class EventHub implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventHub.class);

  private final Transactions tx;
  private final RTopic topic;
  private final ScheduledExecutorService scheduler;
  private final Duration gapWait;
  private final int page;
  private final Map<UUID, TenantStream> tenants = new ConcurrentHashMap<>();
  private final int listenerId;
  private final int statusListenerId;

  /**
   * @param gapWait how long an out-of-order event waits for the missing ones before they are read
   * @param page events read from the outbox per query while catching up
   */
  public EventHub(
      Transactions tx,
      RTopic topic,
      ScheduledExecutorService scheduler,
      Duration gapWait,
      int page) {
    this.tx = tx;
    this.topic = topic;
    this.scheduler = scheduler;
    this.gapWait = gapWait;
    this.page = page;
    this.listenerId = topic.addListener(byte[].class, (channel, bytes) -> onMessage(bytes));
    // After Redis comes back the topic is subscribed again; whatever was published before that
    // (the relay's catch-up included) never reached us: read it from the outbox. Events published
    // later arrive through the topic and duplicates are dropped by sequence.
    this.statusListenerId =
        topic.addListener(
            new StatusListener() {
              @Override
              public void onSubscribe(String channel) {
                tenants.values().forEach(ts -> scheduler.execute(ts::fill));
              }

              @Override
              public void onUnsubscribe(String channel) {}
            });
  }

  /**
   * Attaches a subscriber; from now on it receives every event of its tenant after the hub's
   * position.
   */
  public void register(Subscriber s) {
    tenants.computeIfAbsent(s.tenant(), this::open).subscribers.add(s);
  }

  /** Detaches a subscriber. */
  public void unregister(Subscriber s) {
    TenantStream ts = tenants.get(s.tenant());
    if (ts != null) {
      ts.subscribers.remove(s);
    }
  }

  /** Number of attached subscribers (diagnostics). */
  public int subscriberCount() {
    return tenants.values().stream().mapToInt(t -> t.subscribers.size()).sum();
  }

  private TenantStream open(UUID tenant) {
    long latest = tx.inTenant(tenant, CounterStore::latestSequence);
    TenantStream ts = new TenantStream(tenant, latest + 1);
    // An event committed and published just before this stream existed was dropped: look for it.
    scheduler.schedule(ts::fill, gapWait.toMillis(), TimeUnit.MILLISECONDS);
    return ts;
  }

  /**
   * An event this instance committed: offered at once instead of after its round trip through
   * Redis. The Redis copy arrives later and is dropped as a duplicate; order and gap handling are
   * the same as for events from Redis.
   */
  public void deliverLocal(RoutedEvent env) {
    TenantStream ts = tenants.get(env.tenant());
    if (ts != null && env.sequence() > 0) {
      ts.offer(env);
    }
  }

  private void onMessage(byte[] bytes) {
    RoutedEvent env;
    try {
      env = RoutedEvent.fromBytes(bytes);
    } catch (RuntimeException e) {
      log.warn("dropping malformed event: {}", e.toString());
      return;
    }
    TenantStream ts = tenants.get(env.tenant());
    if (ts == null) {
      return;
    }
    if (env.sequence() == 0) {
      for (Subscriber s : ts.subscribers) {
        s.offerEphemeral(env);
      }
    } else {
      ts.offer(env);
    }
  }

  /** One tenant's ordered feed. */
  private final class TenantStream {
    final UUID tenant;
    final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    final TreeMap<Long, RoutedEvent> pending = new TreeMap<>();
    long next;
    boolean fillScheduled;

    TenantStream(UUID tenant, long next) {
      this.tenant = tenant;
      this.next = next;
    }

    synchronized void offer(RoutedEvent env) {
      long seq = env.sequence();
      if (seq < next) {
        return; // duplicate (relay republish) or before this stream
      }
      if (seq == next) {
        deliver(env);
        drainPending();
        return;
      }
      pending.put(seq, env);
      if (!fillScheduled) {
        fillScheduled = true;
        scheduler.schedule(this::fill, gapWait.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    /**
     * Reads what is missing before the first pending event (or anything newer, when none is
     * pending), page by page until caught up. A sequence is skipped only once it is proven absent:
     * a later one is committed (sequences commit in order) and the outbox has no row for it.
     */
    synchronized void fill() {
      fillScheduled = false;
      long upTo = pending.isEmpty() ? Long.MAX_VALUE : pending.firstKey() - 1;
      try {
        while (next <= upTo) {
          long from = next - 1;
          List<RoutedEvent> batch = tx.inTenant(tenant, c -> Outbox.read(c, from, upTo, page));
          for (RoutedEvent e : batch) {
            if (e.sequence() > next) {
              log.warn(
                  "tenant {}: events {}..{} not found in the outbox; skipping",
                  tenant,
                  next,
                  e.sequence() - 1);
              next = e.sequence();
            }
            if (e.sequence() == next) {
              deliver(e);
            }
          }
          if (batch.size() < page) {
            break; // caught up with what is committed
          }
        }
        if (!pending.isEmpty() && next <= upTo) {
          log.warn(
              "tenant {}: events {}..{} not found in the outbox; skipping", tenant, next, upTo);
          next = upTo + 1;
        }
      } catch (RuntimeException e) {
        log.warn("tenant {}: gap fill failed, retrying: {}", tenant, e.toString());
        fillScheduled = true;
        scheduler.schedule(this::fill, 200, TimeUnit.MILLISECONDS);
        return;
      }
      drainPending();
    }

    private void drainPending() {
      while (!pending.isEmpty() && pending.firstKey() <= next) {
        RoutedEvent e = pending.pollFirstEntry().getValue();
        if (e.sequence() == next) {
          deliver(e);
        }
      }
    }

    private void deliver(RoutedEvent env) {
      next = env.sequence() + 1;
      for (Subscriber s : subscribers) {
        try {
          s.offerLive(env);
        } catch (RuntimeException e) {
          log.warn("subscriber failed: {}", e.toString());
        }
      }
    }
  }

  @Override
  public void close() {
    topic.removeListener(listenerId, statusListenerId);
  }
}
