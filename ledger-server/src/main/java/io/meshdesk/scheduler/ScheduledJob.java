package io.meshdesk.scheduler;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A daily job run by the scheduler leader once per tenant and local day. It must be idempotent:
 * after a crash the same (tenant, day) runs again and must not duplicate what the first run did.
 */
public interface ScheduledJob {

  /** Stable name, recorded with each run. */
  String name();

  /** Does the day's work for one tenant. */
  void run(UUID tenantId, LocalDate day, ZoneId zone);
}
