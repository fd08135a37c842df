package io.meshdesk.reminder.persistence;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.QuietHours;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reminder rules in {@code reminder.rule} (JDBC, row-level security by tenant). */
public final class RuleStore {

  private static final String COLUMNS =
      "id, card_id, kind, days_before, utilization_threshold_bps, channel, destination, quiet_start, quiet_end,"
          + " time_zone, signing_secret, created_at, created_by";

  private final Transactions tx;

  public RuleStore(Transactions tx) {
    this.tx = tx;
  }

  /** Inserts a rule and records its tenant in the scheduler's tenant list. */
  public void insert(UUID tenantId, ReminderRule r) {
    tx.inTenant(tenantId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "insert into reminder.rule (tenant_id, " + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        ps.setObject(1, tenantId);
        ps.setObject(2, r.id());
        ps.setObject(3, r.cardId());
        ps.setString(4, r.kind().name());
        ps.setArray(5, c.createArrayOf("int4", r.daysBefore().toArray()));
        ps.setInt(6, r.utilizationThresholdBps());
        ps.setString(7, r.channel().name());
        ps.setString(8, r.destination());
        ps.setTime(9, r.quietHours().map(q -> Time.valueOf(q.start())).orElse(null));
        ps.setTime(10, r.quietHours().map(q -> Time.valueOf(q.end())).orElse(null));
        ps.setString(11, r.zone().getId());
        ps.setString(12, r.signingSecret());
        ps.setTimestamp(13, Timestamp.from(r.createdAt()));
        ps.setObject(14, r.createdBy());
        ps.executeUpdate();
      }
      TenantStore.register(c, tenantId);
      return null;
    });
  }

  /** Live rules of the tenant, oldest first; of one card when {@code cardId} is not null. */
  public List<ReminderRule> list(UUID tenantId, UUID cardId, int offset, int limit) {
    return tx.inTenant(tenantId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "select " + COLUMNS + " from reminder.rule where deleted_at is null and (?::uuid is null or card_id = ?)"
              + " order by created_at, id offset ? limit ?")) {
        ps.setObject(1, cardId);
        ps.setObject(2, cardId);
        ps.setInt(3, offset);
        ps.setInt(4, limit);
        return read(ps);
      }
    });
  }

  /** Live rules of several cards (the planner's view). */
  public List<ReminderRule> forCards(Connection c, List<UUID> cardIds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select " + COLUMNS + " from reminder.rule where deleted_at is null and card_id = any(?) order by created_at, id")) {
      ps.setArray(1, c.createArrayOf("uuid", cardIds.toArray()));
      return read(ps);
    }
  }

  /** Live rules of one kind (event-driven kinds). */
  public List<ReminderRule> forCard(Connection c, UUID cardId, ReminderKind kind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select " + COLUMNS + " from reminder.rule where deleted_at is null and card_id = ? and kind = ?")) {
      ps.setObject(1, cardId);
      ps.setString(2, kind.name());
      return read(ps);
    }
  }

  /** One live rule. */
  public Optional<ReminderRule> find(UUID tenantId, UUID ruleId) {
    return tx.inTenant(tenantId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "select " + COLUMNS + " from reminder.rule where deleted_at is null and id = ?")) {
        ps.setObject(1, ruleId);
        return read(ps).stream().findFirst();
      }
    });
  }

  /** Soft-deletes a rule and cancels its open deliveries; returns how many were cancelled, or -1 if none. */
  public int delete(UUID tenantId, UUID ruleId, java.time.Instant now) {
    return tx.inTenant(tenantId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "update reminder.rule set deleted_at = ? where id = ? and deleted_at is null")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setObject(2, ruleId);
        if (ps.executeUpdate() == 0) {
          return -1;
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "update reminder.delivery set status = 'CANCELLED', next_attempt_at = ? where rule_id = ?"
              + " and status in ('PENDING', 'RETRYING')")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setObject(2, ruleId);
        return ps.executeUpdate();
      }
    });
  }

  private static List<ReminderRule> read(PreparedStatement ps) throws SQLException {
    List<ReminderRule> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        Time qs = rs.getTime("quiet_start");
        Time qe = rs.getTime("quiet_end");
        Array days = rs.getArray("days_before");
        out.add(new ReminderRule(
            rs.getObject("id", UUID.class),
            rs.getObject("card_id", UUID.class),
            ReminderKind.valueOf(rs.getString("kind")),
            Arrays.stream((Integer[]) days.getArray()).toList(),
            rs.getInt("utilization_threshold_bps"),
            Channel.valueOf(rs.getString("channel")),
            rs.getString("destination"),
            qs == null ? Optional.empty() : Optional.of(new QuietHours(qs.toLocalTime(), qe.toLocalTime(), zone)),
            zone,
            rs.getString("signing_secret"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getObject("created_by", UUID.class)));
      }
    }
    return out;
  }
}
