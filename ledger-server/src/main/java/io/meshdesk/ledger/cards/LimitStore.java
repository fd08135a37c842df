package io.meshdesk.ledger.cards;

import io.meshdesk.ledger.domain.LimitChangeView;
import io.meshdesk.ledger.domain.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The credit-limit history, {@code ledger.limit_change}. */
final class LimitStore {

  private LimitStore() {}

  static LimitChangeView insert(
      Connection c,
      UUID tenant,
      UUID cardId,
      long previous,
      long next,
      String reason,
      String actorKind,
      String actorId,
      Instant now)
      throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into ledger.limit_change (tenant_id, id, card_id,"
                + " previous_limit_minor, new_limit_minor, reason, actor_kind, actor_id, changed_at) values (?,?,?,?,?,?,?,?,?)")) {
      ps.setObject(1, tenant);
      ps.setObject(2, id);
      ps.setObject(3, cardId);
      ps.setLong(4, previous);
      ps.setLong(5, next);
      ps.setString(6, reason);
      ps.setString(7, actorKind);
      ps.setString(8, actorId);
      ps.setTimestamp(9, Timestamp.from(now));
      ps.executeUpdate();
    }
    return new LimitChangeView(
        id, cardId, currency(c, tenant, cardId), previous, next, reason, actorKind, actorId, now);
  }

  static Page<LimitChangeView> list(Connection c, UUID tenant, UUID cardId, int size, String after)
      throws SQLException {
    String sql =
        "select l.id, l.card_id, k.currency, l.previous_limit_minor, l.new_limit_minor, l.reason,"
            + " l.actor_kind, l.actor_id, l.changed_at from ledger.limit_change l join ledger.card k"
            + " on k.tenant_id = l.tenant_id and k.id = l.card_id where l.tenant_id = ? and l.card_id = ?"
            + (after.isEmpty() ? "" : " and (l.changed_at, l.id) < (?, ?)")
            + " order by l.changed_at desc, l.id desc limit ?";
    List<LimitChangeView> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setObject(i++, tenant);
      ps.setObject(i++, cardId);
      if (!after.isEmpty()) {
        String[] pos = after.split("\\|", 2);
        ps.setTimestamp(i++, Timestamp.from(Instant.parse(pos[0])));
        ps.setObject(i++, UUID.fromString(pos[1]));
      }
      ps.setInt(i, size + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new LimitChangeView(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getTimestamp(9).toInstant()));
        }
      }
    }
    return Page.of(rows, size, l -> l.changedAt() + "|" + l.id());
  }

  /** The limit a card was issued with (its first recorded limit). */
  static long initialLimit(Connection c, UUID tenant, UUID cardId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select new_limit_minor from ledger.limit_change where tenant_id = ?"
                + " and card_id = ? order by changed_at, previous_limit_minor limit 1")) {
      ps.setObject(1, tenant);
      ps.setObject(2, cardId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static String currency(Connection c, UUID tenant, UUID cardId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select currency from ledger.card where tenant_id = ? and id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, cardId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "";
      }
    }
  }
}
