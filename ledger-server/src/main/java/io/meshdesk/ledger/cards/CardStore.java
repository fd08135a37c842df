package io.meshdesk.ledger.cards;

import io.meshdesk.ledger.domain.CardStatus;
import io.meshdesk.ledger.domain.CardView;
import io.meshdesk.ledger.domain.Page;
import io.meshdesk.ledger.posting.CardState;
import io.meshdesk.platform.errors.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Locking, updates and lists of {@code ledger.card} outside the posting path. */
final class CardStore {

  private CardStore() {}

  /** Locks one card row. */
  static CardState lock(Connection c, UUID tenant, UUID cardId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + CardState.COLUMNS
                + " from ledger.card c where c.tenant_id = ? and c.id = ? for update")) {
      ps.setObject(1, tenant);
      ps.setObject(2, cardId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFoundException("no card " + cardId);
        }
        return CardState.read(rs);
      }
    }
  }

  static void update(
      Connection c, UUID tenant, UUID cardId, String assignment, long value, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ledger.card set "
                + assignment
                + ", updated_at = ? where tenant_id = ? and id = ?")) {
      ps.setLong(1, value);
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setObject(3, tenant);
      ps.setObject(4, cardId);
      ps.executeUpdate();
    }
  }

  static void setStatus(Connection c, UUID tenant, UUID cardId, CardStatus status, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ledger.card set status = ?, updated_at = ?,"
                + " closed_at = case when ? = 'CLOSED' then ? else closed_at end where tenant_id = ? and id = ?")) {
      ps.setString(1, status.name());
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setString(3, status.name());
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setObject(5, tenant);
      ps.setObject(6, cardId);
      ps.executeUpdate();
    }
  }

  static Page<CardView> list(
      Connection c,
      UUID tenant,
      UUID holder,
      CardStatus status,
      UUID productId,
      int size,
      String after)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "select " + CardState.COLUMNS + " from ledger.card c where c.tenant_id = ?");
    List<Object> args = new ArrayList<>(List.of(tenant));
    if (holder != null) {
      sql.append(" and c.holder_user_id = ?");
      args.add(holder);
    }
    if (status != null) {
      sql.append(" and c.status = ?");
      args.add(status.name());
    }
    if (productId != null) {
      sql.append(" and c.product_id = ?");
      args.add(productId);
    }
    if (!after.isEmpty()) {
      String[] pos = after.split("\\|", 2);
      sql.append(" and (c.created_at, c.id) > (?, ?)");
      args.add(Timestamp.from(Instant.parse(pos[0])));
      args.add(UUID.fromString(pos[1]));
    }
    sql.append(" order by c.created_at, c.id limit ?");
    args.add(size + 1);
    List<CardView> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(CardState.read(rs).card());
        }
      }
    }
    return Page.of(rows, size, card -> card.createdAt() + "|" + card.id());
  }
}
