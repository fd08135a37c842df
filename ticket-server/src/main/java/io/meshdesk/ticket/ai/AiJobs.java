package io.meshdesk.ticket.ai;

import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ai.v1.AiJobKind;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.platform.redis.RedisKeys;
import io.meshdesk.ticket.persistence.CounterStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamAddArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AI jobs: a row (status pending) written with the ticket, then an entry on the Redis stream
 * {@value RedisKeys#AI_JOBS_STREAM} ({@code job} = base64 of the {@link AiJob} bytes, {@code
 * tenant}). The row is the truth; {@link #sweep()} re-enqueues pending jobs that never reached
 * Redis or that Redis lost.
 */
public final class AiJobs {

  private static final Logger log = LoggerFactory.getLogger(AiJobs.class);

  private final RStream<String, String> stream;
  private final Transactions tx;
  private final Clock clock;
  private final Duration minAge;
  private final Duration requeueAfter;

  public AiJobs(
      RedissonClient redis, Transactions tx, Clock clock, Duration minAge, Duration requeueAfter) {
    this.stream = redis.getStream(RedisKeys.AI_JOBS_STREAM);
    this.tx = tx;
    this.clock = clock;
    this.minAge = minAge;
    this.requeueAfter = requeueAfter;
  }

  /** Adds one job to the Redis stream (throws when Redis is unavailable). */
  public void xadd(AiJob job) {
    String payload = Base64.getEncoder().encodeToString(job.toByteArray());
    stream.add(StreamAddArgs.entries(Map.of("job", payload, "tenant", job.getTenantId())));
  }

  /** Queues one job on a Redis batch (sent with the batch, in order). */
  public static void addTo(org.redisson.api.RBatch batch, AiJob job) {
    String payload = Base64.getEncoder().encodeToString(job.toByteArray());
    batch
        .<String, String>getStream(RedisKeys.AI_JOBS_STREAM)
        .addAsync(StreamAddArgs.entries(Map.of("job", payload, "tenant", job.getTenantId())));
  }

  /** Records that jobs of the current tenant reached Redis. */
  public static void markEnqueued(Connection c, List<String> jobIds) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ticket.ai_jobs set last_enqueued_at = now() where id = any(?)")) {
      ps.setArray(1, c.createArrayOf("uuid", jobIds.stream().map(UUID::fromString).toArray()));
      ps.executeUpdate();
    }
  }

  /**
   * Re-enqueues pending jobs of every tenant that never reached Redis (older than the minimum age)
   * or were enqueued longer ago than the requeue delay (Redis may have lost them; the worker's
   * attach is idempotent on the job id). Returns how many were sent.
   */
  public int sweep() {
    int sent = 0;
    for (UUID tenant : tx.withoutTenant(CounterStore::sweepTenants)) {
      Instant now = clock.instant();
      List<AiJob> due = tx.inTenant(tenant, c -> duePending(c, tenant, now));
      List<String> ok = new ArrayList<>();
      for (AiJob job : due) {
        try {
          xadd(job);
          ok.add(job.getJobId());
        } catch (RuntimeException e) {
          log.debug("ai job sweep: redis unavailable: {}", e.toString());
          break;
        }
      }
      if (!ok.isEmpty()) {
        tx.inTenant(
            tenant,
            c -> {
              markEnqueued(c, ok);
              return null;
            });
        sent += ok.size();
      }
    }
    return sent;
  }

  private List<AiJob> duePending(Connection c, UUID tenant, Instant now) throws SQLException {
    List<AiJob> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ticket.ai_jobs set attempt = attempt + case when last_enqueued_at is null then 0 else 1 end"
                + " where id in (select id from ticket.ai_jobs where status = 'pending' and"
                + " ((last_enqueued_at is null and enqueued_at < ?) or last_enqueued_at < ?) order by enqueued_at limit 500"
                + " for update skip locked) returning id, ticket_id, ticket_version, attempt, enqueued_at")) {
      Sql.setInstant(ps, 1, now.minus(minAge));
      Sql.setInstant(ps, 2, now.minus(requeueAfter));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              AiJob.newBuilder()
                  .setJobId(rs.getString("id"))
                  .setTenantId(tenant.toString())
                  .setTicketId(rs.getString("ticket_id"))
                  .setKind(AiJobKind.AI_JOB_KIND_TRIAGE_AND_DRAFT)
                  .setAttempt(Math.min(100, rs.getInt("attempt")))
                  .setEnqueuedAt(ProtoTime.timestamp(Sql.instant(rs, "enqueued_at")))
                  .setTicketVersion(rs.getLong("ticket_version"))
                  .build());
        }
      }
    }
    return out;
  }
}
