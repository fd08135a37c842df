package io.meshdesk.ticket.session;

import io.meshdesk.ticket.domain.AutoAssigner;
import io.meshdesk.ticket.domain.UserDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Round-robin among a team's agents that are online (have an AgentSession on any instance); the
 * turn counter lives in Redis so all instances share it. Redis gets {@code timeout} to answer; when
 * it does not, the ticket stays unassigned (it waits in the team's queue) rather than stalling the
 * create.
 */
public final class RoundRobinAssigner implements AutoAssigner {

  private final UserDirectory users;
  private final PresenceHub presence;

  /** How long a create waits for the turn counter by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);

  private static final Logger log = LoggerFactory.getLogger(RoundRobinAssigner.class);

  private final RedissonClient redis;
  private final Duration timeout;
  private final AtomicBoolean warned = new AtomicBoolean();

  public RoundRobinAssigner(UserDirectory users, PresenceHub presence, RedissonClient redis) {
    this(users, presence, redis, DEFAULT_TIMEOUT);
  }

  public RoundRobinAssigner(
      UserDirectory users, PresenceHub presence, RedissonClient redis, Duration timeout) {
    this.users = users;
    this.presence = presence;
    this.redis = redis;
    this.timeout = timeout;
  }

  @Override
  public Optional<UUID> pick(UUID tenant, UUID teamId) {
    Set<UUID> online = presence.onlineUsers(tenant);
    List<UUID> candidates =
        users.teamMembers(tenant, teamId).stream().filter(online::contains).sorted().toList();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    var turn =
        redis
            .getAtomicLong("ticket:rr:" + tenant + ":" + teamId)
            .getAndIncrementAsync()
            .toCompletableFuture();
    try {
      long n = turn.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      warned.set(false);
      return Optional.of(candidates.get((int) Math.floorMod(n, (long) candidates.size())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      turn.cancel(false);
      if (warned.compareAndSet(false, true)) {
        log.warn(
            "round-robin counter unavailable, tickets stay unassigned until Redis answers: {}",
            e.toString());
      } else {
        log.debug("round-robin counter unavailable: {}", e.toString());
      }
      return Optional.empty(); // Redis down: leave it to the queue
    }
  }
}
