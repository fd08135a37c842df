package io.meshdesk.scheduler;

import io.meshdesk.platform.db.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Leadership as a lease row in PostgreSQL ({@code reminder.scheduler_lease}), timed by the database
 * clock. Chosen over a Redisson RLock because Redis here keeps nothing on disk: a Redis restart
 * would drop the lock while its holder is still working and let a second leader in. The fence grows
 * with every change of holder; run records are written only while the writer's fence is current, so
 * a paused old leader cannot finish a run the new one owns.
 */
public final class LeaderLease {

  private final Transactions tx;
  private final String name;
  private final String holder;
  private final Duration ttl;

  public LeaderLease(Transactions tx, String name, String holder, Duration ttl) {
    this.tx = tx;
    this.name = name;
    this.holder = holder;
    this.ttl = ttl;
  }

  /** Takes the lease if free or expired, or renews it if held; returns the fence when held. */
  public OptionalLong acquireOrRenew() {
    return tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into reminder.scheduler_lease as l (name, holder, fence, expires_at)"
                      + " values (?, ?, 1, clock_timestamp() + make_interval(secs => ?))"
                      + " on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at,"
                      + " fence = l.fence + case when l.holder = excluded.holder then 0 else 1 end"
                      + " where l.holder = excluded.holder or l.expires_at < clock_timestamp() returning fence")) {
            ps.setString(1, name);
            ps.setString(2, holder);
            ps.setDouble(3, ttl.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
          }
        });
  }

  /** Gives the lease up (graceful stop) so another instance takes over at once. */
  public void release() {
    tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update reminder.scheduler_lease set expires_at = clock_timestamp() - interval '1 millisecond'"
                      + " where name = ? and holder = ?")) {
            ps.setString(1, name);
            ps.setString(2, holder);
            return ps.executeUpdate();
          }
        });
  }

  /** The lease name (shared by all instances) and this instance's holder id. */
  public String name() {
    return name;
  }

  /** This instance's holder id. */
  public String holder() {
    return holder;
  }
}
