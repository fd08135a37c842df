package io.meshdesk.platform.auth;

import io.meshdesk.platform.errors.UnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;

/**
 * Tenant status read through the {@code directory.tenant_is_active} SECURITY DEFINER function (so
 * every server's role may ask without any grant on the identity schema), cached for a few seconds
 * per tenant. {@link #TOPIC} carries the id of every tenant whose status changed; each gate drops
 * that tenant from its cache at once, so a suspension takes effect on every instance within the
 * Redis round trip.
 */
public final class DatabaseTenantGate implements TenantGate, AutoCloseable {

  /** Redis topic on which the identity service publishes tenant ids whose status changed. */
  public static final String TOPIC = "identity:tenant-status";

  private record Entry(boolean active, Instant loadedAt) {}

  private final DataSource dataSource;
  private final Clock clock;
  private final Duration ttl;
  private final Map<UUID, Entry> cache = new ConcurrentHashMap<>();
  private final RTopic topic;
  private final int listenerId;

  public DatabaseTenantGate(
      DataSource dataSource, RedissonClient redis, Clock clock, Duration ttl) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.ttl = ttl;
    this.topic = redis.getTopic(TOPIC);
    this.listenerId =
        topic.addListener(String.class, (channel, tenant) -> invalidate(UUID.fromString(tenant)));
  }

  /** A gate caching each status for 5 seconds (the bound if a Redis message is lost). */
  public DatabaseTenantGate(DataSource dataSource, RedissonClient redis) {
    this(dataSource, redis, Clock.systemUTC(), Duration.ofSeconds(5));
  }

  /** Tells every gate (all instances) that {@code tenantId}'s status changed. */
  public static void publishChange(RedissonClient redis, UUID tenantId) {
    redis.getTopic(TOPIC).publish(tenantId.toString());
  }

  @Override
  public boolean isActive(UUID tenantId) {
    Instant now = clock.instant();
    Entry e = cache.get(tenantId);
    if (e != null && e.loadedAt().plus(ttl).isAfter(now)) {
      return e.active();
    }
    boolean active = load(tenantId);
    cache.put(tenantId, new Entry(active, now));
    return active;
  }

  /** Forgets the cached status of one tenant. */
  public void invalidate(UUID tenantId) {
    cache.remove(tenantId);
  }

  private boolean load(UUID tenantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select directory.tenant_is_active(?)")) {
      ps.setObject(1, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        boolean active = rs.getBoolean(1);
        c.rollback();
        return active;
      }
    } catch (SQLException e) {
      throw new UnavailableException("tenant status unavailable", e);
    }
  }

  @Override
  public void close() {
    topic.removeListener(listenerId);
  }
}
