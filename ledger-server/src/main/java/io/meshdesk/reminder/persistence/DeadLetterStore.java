package io.meshdesk.reminder.persistence;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.domain.DeadLetter;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Dead letters ({@code reminder.dead_letter}) and the delivery log queries. */
public final class DeadLetterStore {

  private final Transactions tx;

  public DeadLetterStore(Transactions tx) {
    this.tx = tx;
  }

  static void insert(Connection c, UUID tenantId, UUID deliveryId, String reason, Instant at)
      throws SQLException {
    // A delivery retried from the dead-letter queue keeps one dead-letter row, reopened.
    try (PreparedStatement up =
        c.prepareStatement(
            "update reminder.dead_letter set reason = ?, dead_lettered_at = ?, retried_at = null where delivery_id = ?")) {
      up.setString(1, reason);
      up.setTimestamp(2, Timestamp.from(at));
      up.setObject(3, deliveryId);
      if (up.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into reminder.dead_letter (tenant_id, id, delivery_id, reason, dead_lettered_at) values (?,?,?,?,?)")) {
      ps.setObject(1, tenantId);
      ps.setObject(2, UUID.randomUUID());
      ps.setObject(3, deliveryId);
      ps.setString(4, reason);
      ps.setTimestamp(5, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  /** Open dead letters, newest first; of one card when {@code cardId} is not null. */
  public List<DeadLetter> list(UUID tenantId, UUID cardId, int offset, int limit) {
    return tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select "
                      + DeliveryRowMapper.COLUMNS
                      + ", x.id as dl_id, x.reason, x.dead_lettered_at, x.retry_count"
                      + " from reminder.dead_letter x join reminder.delivery d on d.tenant_id = x.tenant_id and d.id = x.delivery_id"
                      + " where x.retried_at is null and (?::uuid is null or d.card_id = ?)"
                      + " order by x.dead_lettered_at desc, x.id offset ? limit ?")) {
            ps.setObject(1, cardId);
            ps.setObject(2, cardId);
            ps.setInt(3, offset);
            ps.setInt(4, limit);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DeadLetter(
                        rs.getObject("dl_id", UUID.class),
                        DeliveryRowMapper.read(rs),
                        rs.getString("reason"),
                        rs.getTimestamp("dead_lettered_at").toInstant(),
                        rs.getInt("retry_count")));
              }
            }
            return out;
          }
        });
  }

  /**
   * Puts a dead-lettered delivery back to PENDING with a fresh attempt budget; empty when there is
   * no open dead letter with that id.
   */
  public Optional<Delivery> retry(UUID tenantId, UUID deadLetterId, Instant now) {
    return tx.inTenant(
        tenantId,
        c -> {
          UUID deliveryId;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update reminder.dead_letter set retried_at = ?, retry_count = retry_count + 1 where id = ? and retried_at is null"
                      + " returning delivery_id")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, deadLetterId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Delivery>empty();
              }
              deliveryId = rs.getObject(1, UUID.class);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "update reminder.delivery d set status = 'PENDING', budget_start = attempts, next_attempt_at = ?,"
                      + " enqueued_at = null, lease_until = null where id = ? and status = 'DEAD_LETTERED' returning "
                      + DeliveryRowMapper.COLUMNS)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(DeliveryRowMapper.read(rs))
                  : Optional.<Delivery>empty();
            }
          }
        });
  }

  /**
   * Deliveries of a card, most recently due first, filtered by rule, state and due range (each
   * optional: null for any).
   */
  public List<Delivery> deliveries(
      UUID tenantId,
      UUID cardId,
      UUID ruleId,
      DeliveryStatus status,
      Instant dueFrom,
      Instant dueTo,
      int offset,
      int limit) {
    return tx.inTenant(
        tenantId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select "
                      + DeliveryRowMapper.COLUMNS
                      + " from reminder.delivery d where d.card_id = ?"
                      + " and (?::uuid is null or d.rule_id = ?) and (?::text is null or d.status = ?)"
                      + " and (?::timestamptz is null or d.due_at >= ?) and (?::timestamptz is null or d.due_at < ?)"
                      + " order by d.due_at desc, d.id offset ? limit ?")) {
            ps.setObject(1, cardId);
            ps.setObject(2, ruleId);
            ps.setObject(3, ruleId);
            String s = status == null ? null : status.name();
            ps.setString(4, s);
            ps.setString(5, s);
            Timestamp from = dueFrom == null ? null : Timestamp.from(dueFrom);
            Timestamp to = dueTo == null ? null : Timestamp.from(dueTo);
            ps.setTimestamp(6, from);
            ps.setTimestamp(7, from);
            ps.setTimestamp(8, to);
            ps.setTimestamp(9, to);
            ps.setInt(10, offset);
            ps.setInt(11, limit);
            List<Delivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(DeliveryRowMapper.read(rs));
              }
            }
            return out;
          }
        });
  }

  /** Count of deliveries of the tenant by state (operators and tests: nothing in limbo). */
  public java.util.Map<DeliveryStatus, Long> countByStatus(UUID tenantId) {
    return tx.inTenant(
        tenantId,
        c -> {
          java.util.Map<DeliveryStatus, Long> out = new java.util.EnumMap<>(DeliveryStatus.class);
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select status, count(*) from reminder.delivery group by status");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
            }
          }
          return out;
        });
  }
}
