package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants (installation-level rows, visible in every scope), in one transaction. */
public interface Tenants {

  /** Inserts a tenant; false when the slug is taken. */
  boolean insert(Tenant tenant);

  /** One tenant by id. */
  Optional<Tenant> find(UUID id);

  /** One tenant by slug. */
  Optional<Tenant> findBySlug(String slug);

  /** Tenants oldest first; {@code active} null for any status. */
  List<Tenant> list(Boolean active, int offset, int limit);

  /** Sets the status; returns the updated tenant. */
  Optional<Tenant> setStatus(UUID id, boolean active, Instant at, String reason);
}
