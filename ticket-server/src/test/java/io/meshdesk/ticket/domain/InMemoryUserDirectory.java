package io.meshdesk.ticket.domain;

import io.meshdesk.platform.auth.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UserDirectory} held in memory, for tests whose users are known up front. */
public final class InMemoryUserDirectory implements UserDirectory {

  /** One known user. */
  public record User(UUID tenant, UUID id, Role role, String displayName, Set<UUID> teams) {}

  private final Map<UUID, User> users = new ConcurrentHashMap<>();

  private InMemoryUserDirectory() {}

  /** An empty directory; add users with {@link #add}. */
  public static InMemoryUserDirectory create() {
    return new InMemoryUserDirectory();
  }

  /** Adds or replaces a user; returns this. */
  public InMemoryUserDirectory add(
      UUID tenant, UUID id, Role role, String displayName, Set<UUID> teams) {
    users.put(id, new User(tenant, id, role, displayName, Set.copyOf(teams)));
    return this;
  }

  @Override
  public boolean exists(UUID tenant, UUID userId, Set<Role> roles) {
    User u = users.get(userId);
    return u != null && u.tenant().equals(tenant) && roles.contains(u.role());
  }

  @Override
  public String displayName(UUID tenant, UUID userId) {
    User u = users.get(userId);
    return u != null && u.tenant().equals(tenant) ? u.displayName() : "";
  }

  @Override
  public List<UUID> teamMembers(UUID tenant, UUID teamId) {
    return users.values().stream()
        .filter(
            u ->
                u.tenant().equals(tenant)
                    && u.teams().contains(teamId)
                    && u.role() != Role.CUSTOMER)
        .map(User::id)
        .sorted()
        .toList();
  }
}
