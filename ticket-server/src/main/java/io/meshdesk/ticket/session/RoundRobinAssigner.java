package io.meshdesk.ticket.session;

import io.meshdesk.ticket.domain.AutoAssigner;
import io.meshdesk.ticket.domain.UserDirectory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.redisson.api.RedissonClient;

/**
 * Round-robin among a team's agents that are online (have an AgentSession on any instance); the
 * turn counter lives in Redis so all instances share it.
 */
public final class RoundRobinAssigner implements AutoAssigner {

  private final UserDirectory users;
  private final PresenceHub presence;
  private final RedissonClient redis;

  public RoundRobinAssigner(UserDirectory users, PresenceHub presence, RedissonClient redis) {
    this.users = users;
    this.presence = presence;
    this.redis = redis;
  }

  @Override
  public Optional<UUID> pick(UUID tenant, UUID teamId) {
    Set<UUID> online = presence.onlineUsers(tenant);
    List<UUID> candidates = users.teamMembers(tenant, teamId).stream().filter(online::contains).sorted().toList();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    try {
      long turn = redis.getAtomicLong("ticket:rr:" + tenant + ":" + teamId).getAndIncrement();
      return Optional.of(candidates.get((int) Math.floorMod(turn, (long) candidates.size())));
    } catch (RuntimeException e) {
      return Optional.empty(); // Redis down: leave it to the queue
    }
  }
}
