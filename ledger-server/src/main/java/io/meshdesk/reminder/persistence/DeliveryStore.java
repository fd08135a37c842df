package io.meshdesk.reminder.persistence;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.NewDelivery;
import io.meshdesk.reminder.domain.QuietHours;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The dispatch side of {@code reminder.delivery}: scheduling rows, picking due rows for the stream,
 * leasing rows to a worker, and recording outcomes. Every write is fenced by the row's state so a
 * late or duplicate stream message cannot send or record twice.
 */
public final class DeliveryStore {

  private final Transactions tx;

  public DeliveryStore(Transactions tx) {
    this.tx = tx;
  }

  /**
   * A delivery leased to one worker until {@code lease_until}.
   *
   * @param delivery the row (attempts already counts this attempt)
   * @param signingSecret the rule's webhook secret (null for e-mail)
   * @param quietHours the rule's quiet hours, for the retry time
   */
  public record Leased(Delivery delivery, String signingSecret, Optional<QuietHours> quietHours) {}

  /** Inserts deliveries that do not exist yet (by natural key); returns how many were new. */
  public int schedule(Connection c, UUID tenantId, List<NewDelivery> deliveries)
      throws SQLException {
    if (deliveries.isEmpty()) {
      return 0;
    }
    int n = deliveries.size();
    Object[][] cols = new Object[14][n];
    for (int i = 0; i < n; i++) {
      NewDelivery d = deliveries.get(i);
      cols[0][i] = UUID.randomUUID();
      cols[1][i] = d.ruleId();
      cols[2][i] = d.cardId();
      cols[3][i] = d.ref();
      cols[4][i] = d.kind().name();
      cols[5][i] = d.offsetDays();
      cols[6][i] = d.channel().name();
      cols[7][i] = d.destination();
      cols[8][i] = d.content().holder();
      cols[9][i] = d.content().amountMinor();
      cols[10][i] = d.content().currency();
      cols[11][i] =
          d.content().paymentDueDate() == null ? null : Date.valueOf(d.content().paymentDueDate());
      cols[12][i] = Timestamp.from(d.dueAt());
      cols[13][i] = Timestamp.from(d.sendableAt());
    }
    String[] types = {
      "uuid",
      "uuid",
      "uuid",
      "text",
      "text",
      "int4",
      "text",
      "text",
      "text",
      "int8",
      "text",
      "date",
      "timestamptz",
      "timestamptz"
    };
    // One statement for the whole set; the count of returned ids is what was really new.
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into reminder.delivery (tenant_id, id, rule_id, card_id, ref, kind, offset_days, channel, destination,"
                + " holder, amount_minor, currency, payment_due_date, status, due_at, next_attempt_at)"
                + " select ?, u.id, u.rule_id, u.card_id, u.ref, u.kind, u.offset_days, u.channel, u.destination, u.holder,"
                + " u.amount_minor, u.currency, u.payment_due_date, 'PENDING', u.due_at, u.next_attempt_at from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::int4[], ?::text[],"
                + " ?::text[], ?::text[], ?::int8[], ?::text[], ?::date[], ?::timestamptz[], ?::timestamptz[])"
                + " as u(id, rule_id, card_id, ref, kind, offset_days, channel, destination, holder, amount_minor, currency,"
                + " payment_due_date, due_at, next_attempt_at)"
                + " on conflict do nothing returning id")) {
      ps.setObject(1, tenantId);
      for (int k = 0; k < cols.length; k++) {
        ps.setArray(k + 2, c.createArrayOf(types[k], cols[k]));
      }
      int created = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          created++;
        }
      }
      return created;
    }
  }

  /** Schedules in a transaction of its own. */
  public int schedule(UUID tenantId, List<NewDelivery> deliveries) {
    return tx.inTenant(tenantId, c -> schedule(c, tenantId, deliveries));
  }

  /**
   * Picks open rows that are due and not on the stream (never put there, or put there longer than
   * {@code requeueAfter} ago and not leased since: their message was lost), stamps them as enqueued
   * and returns their ids.
   */
  public List<UUID> pickForStream(UUID tenantId, Instant now, Duration requeueAfter, int limit) {
    List<UUID> ids = pick(tenantId, now, "enqueued_at is null", null, limit);
    if (ids.size() < limit) {
      ids.addAll(
          pick(
              tenantId,
              now,
              "enqueued_at < ?",
              Timestamp.from(now.minus(requeueAfter)),
              limit - ids.size()));
    }
    return ids;
  }

  private List<UUID> pick(
      UUID tenantId, Instant now, String enqueuedCondition, Timestamp cutoff, int limit) {
    return tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update reminder.delivery d set enqueued_at = ? where (d.tenant_id, d.id) in ("
                      + " select tenant_id, id from reminder.delivery where status in ('PENDING', 'RETRYING')"
                      + " and "
                      + enqueuedCondition
                      + " and next_attempt_at <= ?"
                      + " and (lease_until is null or lease_until < ?) order by next_attempt_at limit ?"
                      + " for update skip locked) returning d.id")) {
            Timestamp ts = Timestamp.from(now);
            int i = 1;
            ps.setTimestamp(i++, ts);
            if (cutoff != null) {
              ps.setTimestamp(i++, cutoff);
            }
            ps.setTimestamp(i++, ts);
            ps.setTimestamp(i++, ts);
            ps.setInt(i, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
              }
            }
            return ids;
          }
        });
  }

  /**
   * Forgets that rows were put on the stream (the stream write failed), so the next pick retries
   * them.
   */
  public void unmarkEnqueued(UUID tenantId, List<UUID> ids) {
    tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update reminder.delivery set enqueued_at = null where id = any(?) and status in ('PENDING', 'RETRYING')")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Leases the given rows that are open, due and not leased by anyone, counting one attempt each;
   * the others (delivered, cancelled, not due, leased elsewhere) are left alone.
   */
  public List<Leased> lease(UUID tenantId, List<UUID> ids, Instant now, Duration visibility) {
    return tx.inTenant(
        tenantId,
        c -> {
          List<Leased> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "with l as (update reminder.delivery set lease_until = ?, attempts = attempts + 1, last_attempt_at = ?,"
                      + " first_attempt_at = coalesce(first_attempt_at, ?) where id = any(?) and status in ('PENDING', 'RETRYING')"
                      + " and next_attempt_at <= ? and (lease_until is null or lease_until < ?) returning *)"
                      + " select "
                      + DeliveryRowMapper.COLUMNS
                      + ", r.signing_secret, r.quiet_start, r.quiet_end, r.time_zone"
                      + " from l d join reminder.rule r on r.tenant_id = d.tenant_id and r.id = d.rule_id")) {
            Timestamp ts = Timestamp.from(now);
            ps.setTimestamp(1, Timestamp.from(now.plus(visibility)));
            ps.setTimestamp(2, ts);
            ps.setTimestamp(3, ts);
            ps.setArray(4, c.createArrayOf("uuid", ids.toArray()));
            ps.setTimestamp(5, ts);
            ps.setTimestamp(6, ts);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Time qs = rs.getTime("quiet_start");
                Optional<QuietHours> quiet =
                    qs == null
                        ? Optional.empty()
                        : Optional.of(
                            new QuietHours(
                                qs.toLocalTime(),
                                rs.getTime("quiet_end").toLocalTime(),
                                ZoneId.of(rs.getString("time_zone"))));
                out.add(
                    new Leased(DeliveryRowMapper.read(rs), rs.getString("signing_secret"), quiet));
              }
            }
          }
          return out;
        });
  }

  /**
   * An attempt's outcome.
   *
   * @param id delivery id
   * @param attempt the attempt number it was leased with (fences a late writer)
   * @param delivered whether the destination accepted it
   * @param at when the attempt ended
   * @param error failure text, when not delivered
   * @param retryAt when to try again, when not delivered
   */
  public record Outcome(
      UUID id, int attempt, boolean delivered, Instant at, String error, Instant retryAt) {}

  /**
   * Records outcomes in one transaction: delivered rows become DELIVERED; failed ones RETRYING, or
   * DEAD_LETTERED with a dead-letter row once {@code maxAttempts} of their budget are spent.
   * Returns the ids that were dead-lettered.
   */
  public List<UUID> record(UUID tenantId, List<Outcome> outcomes, int maxAttempts) {
    return tx.inTenant(
        tenantId,
        c -> {
          List<Outcome> delivered = outcomes.stream().filter(Outcome::delivered).toList();
          if (!delivered.isEmpty()) {
            // One statement for the batch: the hot path of dispatch.
            try (PreparedStatement ok =
                c.prepareStatement(
                    "update reminder.delivery d set status = 'DELIVERED', delivered_at = u.at, lease_until = null, last_error = null,"
                        + " latency_ms = greatest(0, (extract(epoch from (u.at - d.due_at)) * 1000)::bigint)"
                        + " from unnest(?::uuid[], ?::int4[], ?::timestamptz[]) as u(id, attempt, at)"
                        + " where d.id = u.id and d.attempts = u.attempt and d.status in ('PENDING', 'RETRYING')")) {
              ok.setArray(
                  1, c.createArrayOf("uuid", delivered.stream().map(Outcome::id).toArray()));
              ok.setArray(
                  2, c.createArrayOf("int4", delivered.stream().map(Outcome::attempt).toArray()));
              ok.setArray(
                  3,
                  c.createArrayOf(
                      "timestamptz",
                      delivered.stream().map(o -> Timestamp.from(o.at())).toArray()));
              ok.executeUpdate();
            }
          }
          List<UUID> dead = new ArrayList<>();
          try (PreparedStatement fail =
              c.prepareStatement(
                  "update reminder.delivery set status = case when attempts - budget_start >= ? then 'DEAD_LETTERED' else 'RETRYING' end,"
                      + " next_attempt_at = ?, last_error = ?, lease_until = null, enqueued_at = null"
                      + " where id = ? and attempts = ? and status in ('PENDING', 'RETRYING') returning status")) {
            for (Outcome o : outcomes) {
              if (o.delivered()) {
                continue;
              }
              fail.setInt(1, maxAttempts);
              fail.setTimestamp(2, Timestamp.from(o.retryAt()));
              fail.setString(3, truncate(o.error()));
              fail.setObject(4, o.id());
              fail.setInt(5, o.attempt());
              try (ResultSet rs = fail.executeQuery()) {
                if (rs.next() && rs.getString(1).equals("DEAD_LETTERED")) {
                  dead.add(o.id());
                  DeadLetterStore.insert(c, tenantId, o.id(), truncate(o.error()), o.at());
                }
              }
            }
          }
          return dead;
        });
  }

  /**
   * Forgets that open, unleased rows were put on the stream: Redis lost its data, so the next pick
   * enqueues them again. Returns how many rows are affected.
   */
  public int forgetEnqueued(UUID tenantId) {
    return tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update reminder.delivery set enqueued_at = null where status in ('PENDING', 'RETRYING')"
                      + " and enqueued_at is not null")) {
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Cancels open deliveries of {@code kind} about the given references (e.g. statements now paid).
   */
  public int cancelOpen(
      Connection c, io.meshdesk.reminder.domain.ReminderKind kind, List<String> refs, Instant now)
      throws SQLException {
    if (refs.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update reminder.delivery set status = 'CANCELLED', next_attempt_at = ? where kind = ? and ref = any(?)"
                + " and status in ('PENDING', 'RETRYING')")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setString(2, kind.name());
      ps.setArray(3, c.createArrayOf("text", refs.toArray()));
      return ps.executeUpdate();
    }
  }

  private static String truncate(String s) {
    return s == null ? "" : s.length() > 1000 ? s.substring(0, 1000) : s;
  }
}
