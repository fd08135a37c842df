package io.meshdesk.scheduler;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What the scheduler asks of the card ledger each day. Both calls must be idempotent: the scheduler
 * calls again for the same day when a run crashed halfway, and the ledger must neither issue a
 * second statement nor post a second fee.
 */
public interface CycleCloser {

  /** Closes every billing cycle of the tenant that ended before {@code day}; returns how many. */
  int closeEndedCycles(UUID tenantId, LocalDate day);

  /**
   * Marks statements due before {@code day} and still unpaid as late and posts their late fees;
   * returns how many.
   */
  int postLateFees(UUID tenantId, LocalDate day);
}
