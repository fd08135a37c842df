package io.meshdesk.scheduler;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** The ledger's daily jobs, run through {@link CycleCloser}. */
public final class LedgerJobs {

  /** Job name: close billing cycles that ended. */
  public static final String CLOSE_CYCLES = "ledger.close-cycles";

  /** Job name: mark late payments and post late fees. */
  public static final String LATE_FEES = "ledger.late-fees";

  private LedgerJobs() {}

  /** Closes the billing cycles that ended on or before the day. */
  public static ScheduledJob closeCycles(CycleCloser closer) {
    return job(CLOSE_CYCLES, (t, d) -> closer.closeEndedCycles(t, d));
  }

  /** Marks late payments and posts their fees. */
  public static ScheduledJob lateFees(CycleCloser closer) {
    return job(LATE_FEES, (t, d) -> closer.postLateFees(t, d));
  }

  private static ScheduledJob job(
      String name, java.util.function.BiConsumer<UUID, LocalDate> work) {
    return new ScheduledJob() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(UUID tenantId, LocalDate day, ZoneId zone) {
        work.accept(tenantId, day);
      }
    };
  }
}
