package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The append-only audit trail of identity changes, in one transaction. */
public interface AuditTrail {

  /** Filters of a listing; null fields mean any. */
  record Filter(UUID tenantId, String action, String actorId, Instant from, Instant until) {

    /** No filter at all. */
    public static Filter none() {
      return new Filter(null, null, null, null, null);
    }
  }

  /** Appends one event. */
  void append(AuditEvent event);

  /** Events visible in the current scope, newest first. */
  List<AuditEvent> list(Filter filter, int offset, int limit);
}
