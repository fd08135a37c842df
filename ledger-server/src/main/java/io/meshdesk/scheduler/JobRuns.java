package io.meshdesk.scheduler;

import io.meshdesk.platform.db.Transactions;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * The run log ({@code reminder.job_run}): one row per tenant, job and local day. A run is begun (or
 * resumed after a crash) and finished under the leader's fence.
 */
public final class JobRuns {

  private final Transactions tx;
  private final String leaseName;
  private final String holder;

  public JobRuns(Transactions tx, String leaseName, String holder) {
    this.tx = tx;
    this.leaseName = leaseName;
    this.holder = holder;
  }

  /** The latest day that has a run row (done or not). */
  public Optional<LocalDate> latestDay(UUID tenantId, String job) {
    return tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select max(run_date) from reminder.job_run where job = ?")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              Date d = rs.getDate(1);
              return Optional.ofNullable(d).map(Date::toLocalDate);
            }
          }
        });
  }

  /**
   * Starts the run of {@code day}, or resumes it when a previous attempt did not finish; false when
   * it is already done or this instance no longer holds the lease with {@code fence}.
   */
  public boolean begin(UUID tenantId, String job, LocalDate day, long fence, Instant now) {
    return tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into reminder.job_run as r (tenant_id, job, run_date, status, fence, started_at)"
                      + " select ?, ?, ?, 'running', ?, ? where exists (select 1 from reminder.scheduler_lease"
                      + " where name = ? and holder = ? and fence = ? and expires_at > clock_timestamp())"
                      + " on conflict (tenant_id, job, run_date) do update set fence = excluded.fence, attempts = r.attempts + 1,"
                      + " started_at = excluded.started_at where r.status = 'running'")) {
            ps.setObject(1, tenantId);
            ps.setString(2, job);
            ps.setDate(3, Date.valueOf(day));
            ps.setLong(4, fence);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setString(6, leaseName);
            ps.setString(7, holder);
            ps.setLong(8, fence);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Marks the run done; false when the lease moved on (the new leader will redo the idempotent
   * work).
   */
  public boolean finish(UUID tenantId, String job, LocalDate day, long fence, Instant now) {
    return tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update reminder.job_run set status = 'done', finished_at = ? where job = ? and run_date = ? and fence = ?"
                      + " and status = 'running' and exists (select 1 from reminder.scheduler_lease"
                      + " where name = ? and holder = ? and fence = ?)")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, job);
            ps.setDate(3, Date.valueOf(day));
            ps.setLong(4, fence);
            ps.setString(5, leaseName);
            ps.setString(6, holder);
            ps.setLong(7, fence);
            return ps.executeUpdate() == 1;
          }
        });
  }
}
