package io.meshdesk.ticket.session;

import io.meshdesk.platform.auth.AccessChanges;
import io.meshdesk.platform.auth.DatabaseTenantGate;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.errors.ResourceExhaustedException;
import io.meshdesk.platform.errors.UnauthenticatedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;

/**
 * Keeps long-lived streams (Subscribe, AgentSession, WatchTicket) authorized for as long as they
 * last, not only when they start: a stream ends when its token expires ({@link #TOKEN_EXPIRED}),
 * and at once when its user is deactivated or changes role, or its tenant's status changes ({@link
 * #ACCESS_REVOKED}), as announced over Redis by the identity service. Also caps the streams one
 * principal may hold open on this instance.
 */
public final class StreamGuard implements AutoCloseable {

  /** Reason of the end of a stream whose token expired: refresh the token and resume. */
  public static final String TOKEN_EXPIRED = "TOKEN_EXPIRED";

  /** Reason of the end of a stream whose caller's access changed: refresh the token and resume. */
  public static final String ACCESS_REVOKED = "ACCESS_REVOKED";

  /** A stream the guard may end. */
  @FunctionalInterface
  public interface Revocable {
    /** Ends the stream with {@code why} (called at most once, from a guard thread). */
    void revoke(UnauthenticatedException why);
  }

  /** An open stream's registration; {@link #close()} when the stream ends, however it ends. */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final int maxPerPrincipal;
  private final Map<UUID, Set<Entry>> bySubject = new ConcurrentHashMap<>();
  private final RTopic users;
  private final RTopic tenants;
  private final int usersListener;
  private final int tenantsListener;

  /**
   * @param maxPerPrincipal streams one subject may hold open on this instance
   */
  public StreamGuard(
      RedissonClient redis, Clock clock, ScheduledExecutorService scheduler, int maxPerPrincipal) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.maxPerPrincipal = maxPerPrincipal;
    this.users = redis.getTopic(AccessChanges.USER_TOPIC);
    this.tenants = redis.getTopic(DatabaseTenantGate.TOPIC);
    this.usersListener =
        users.addListener(String.class, (channel, id) -> userChanged(UUID.fromString(id)));
    this.tenantsListener =
        tenants.addListener(String.class, (channel, id) -> tenantChanged(UUID.fromString(id)));
  }

  private final class Entry implements Lease {
    final Principal principal;
    final Revocable stream;
    volatile ScheduledFuture<?> expiry;

    Entry(Principal principal, Revocable stream) {
      this.principal = principal;
      this.stream = stream;
    }

    void revoke(UnauthenticatedException why) {
      if (remove()) {
        stream.revoke(why);
      }
    }

    boolean remove() {
      boolean[] removed = {false};
      bySubject.computeIfPresent(
          principal.subject(),
          (k, set) -> {
            removed[0] = set.remove(this);
            return set.isEmpty() ? null : set;
          });
      ScheduledFuture<?> f = expiry;
      if (f != null) {
        f.cancel(false);
      }
      return removed[0];
    }

    @Override
    public void close() {
      remove();
    }
  }

  /**
   * Registers a stream of {@code principal}; it is revoked when the token expires or access
   * changes.
   *
   * @throws ResourceExhaustedException when the principal already holds the maximum of streams
   * @throws UnauthenticatedException when the token has already expired
   */
  public Lease open(Principal principal, Revocable stream) {
    Entry e = new Entry(principal, stream);
    bySubject.compute(
        principal.subject(),
        (k, set) -> {
          Set<Entry> s = set == null ? ConcurrentHashMap.newKeySet() : set;
          if (s.size() >= maxPerPrincipal) {
            throw new ResourceExhaustedException(
                "at most " + maxPerPrincipal + " open streams per caller; close one first");
          }
          s.add(e);
          return s;
        });
    Instant expires = principal.expiresAt();
    if (expires != null) {
      long delay = Duration.between(clock.instant(), expires).toMillis();
      if (delay <= 0) {
        e.remove();
        throw expired();
      }
      e.expiry = scheduler.schedule(() -> e.revoke(expired()), delay, TimeUnit.MILLISECONDS);
    }
    return e;
  }

  /** Streams open on this instance for {@code subject}. */
  public int openStreams(UUID subject) {
    Set<Entry> s = bySubject.get(subject);
    return s == null ? 0 : s.size();
  }

  /** Ends every stream of a user whose access changed. */
  public void userChanged(UUID user) {
    Set<Entry> s = bySubject.get(user);
    if (s != null) {
      for (Entry e : Set.copyOf(s)) {
        e.revoke(revoked("your access changed"));
      }
    }
  }

  /** Ends every stream of a tenant whose status changed. */
  public void tenantChanged(UUID tenant) {
    for (Set<Entry> s : bySubject.values()) {
      for (Entry e : Set.copyOf(s)) {
        if (tenant.equals(e.principal.tenantId())) {
          e.revoke(revoked("the tenant's status changed"));
        }
      }
    }
  }

  private static UnauthenticatedException expired() {
    return new UnauthenticatedException(
        TOKEN_EXPIRED, "token expired; refresh it and resume the stream");
  }

  private static UnauthenticatedException revoked(String what) {
    return new UnauthenticatedException(
        ACCESS_REVOKED, what + "; refresh the token and resume the stream");
  }

  @Override
  public void close() {
    users.removeListener(usersListener);
    tenants.removeListener(tenantsListener);
  }
}
