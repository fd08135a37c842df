package io.meshdesk.reminder.persistence;

import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.DeliveryStatus;
import io.meshdesk.reminder.domain.ReminderKind;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reads {@code reminder.delivery} rows (selected with {@link #COLUMNS}, table alias {@code d}). */
final class DeliveryRowMapper {

  static final String COLUMNS =
      "d.tenant_id, d.id, d.rule_id, d.card_id, d.ref, d.kind, d.offset_days, d.channel, d.destination, d.holder,"
          + " d.amount_minor, d.currency, d.payment_due_date, d.status, d.attempts, d.last_error, d.due_at,"
          + " d.next_attempt_at, d.first_attempt_at, d.last_attempt_at, d.delivered_at, d.latency_ms";

  private DeliveryRowMapper() {}

  static Delivery read(ResultSet rs) throws SQLException {
    Date due = rs.getDate("payment_due_date");
    long latency = rs.getLong("latency_ms");
    boolean hasLatency = !rs.wasNull();
    return new Delivery(
        rs.getObject("tenant_id", UUID.class),
        rs.getObject("id", UUID.class),
        rs.getObject("rule_id", UUID.class),
        rs.getObject("card_id", UUID.class),
        rs.getString("ref"),
        ReminderKind.valueOf(rs.getString("kind")),
        rs.getInt("offset_days"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("destination"),
        new Delivery.Content(
            rs.getString("holder"),
            rs.getLong("amount_minor"),
            rs.getString("currency"),
            due == null ? null : due.toLocalDate()),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        rs.getTimestamp("due_at").toInstant(),
        rs.getTimestamp("next_attempt_at").toInstant(),
        instant(rs, "first_attempt_at"),
        instant(rs, "last_attempt_at"),
        instant(rs, "delivered_at"),
        hasLatency ? Optional.of(Duration.ofMillis(latency)) : Optional.empty());
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }
}
