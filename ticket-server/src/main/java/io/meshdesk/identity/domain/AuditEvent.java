package io.meshdesk.identity.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One recorded security-relevant action; {@code tenantId} null for installation-level actions. */
public record AuditEvent(
    UUID id,
    UUID tenantId,
    Actor actor,
    String action,
    String targetType,
    String targetId,
    Instant occurredAt,
    Map<String, String> details) {

  public AuditEvent {
    details = Map.copyOf(details);
  }
}
