package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.User;
import io.meshdesk.platform.auth.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenant users (seen only in their tenant's scope) and platform admins (installation-level), in one
 * transaction.
 */
public interface Users {

  /** A user and its password hash (null when it cannot sign in). */
  record WithHash(User user, String passwordHash) {}

  /** Filters of a user listing; null fields mean any. */
  record Filter(Role role, Boolean active, UUID team, String query) {}

  /** Inserts a tenant user; false when the email is taken in the tenant. */
  boolean insert(User user, String passwordHash);

  /** A user of the current tenant. */
  Optional<User> find(UUID id);

  /** A user of the current tenant by (lower-case) email, with the hash. */
  Optional<WithHash> findByEmail(String email);

  /** Users of the current tenant by display name, filtered. */
  List<User> list(Filter filter, int offset, int limit);

  /** Updates the role; returns the user. */
  Optional<User> setRole(UUID id, Role role, Instant at);

  /** Replaces the teams; returns the user. */
  Optional<User> setTeams(UUID id, List<UUID> teams, Instant at);

  /** Deactivates; returns the user. */
  Optional<User> deactivate(UUID id, Instant at);

  /** Records a sign-in. */
  void touchLogin(UUID id, Instant at);

  /** Inserts a platform admin. */
  void insertAdmin(User admin, String passwordHash);

  /** Whether any platform admin exists. */
  boolean anyAdmin();

  /** A platform admin by (lower-case) email, with the hash. */
  Optional<WithHash> findAdminByEmail(String email);

  /** A platform admin by id. */
  Optional<User> findAdmin(UUID id);

  /** Records a platform admin's sign-in. */
  void touchAdminLogin(UUID id, Instant at);
}
