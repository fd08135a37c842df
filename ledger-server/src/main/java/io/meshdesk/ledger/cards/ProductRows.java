package io.meshdesk.ledger.cards;

import io.meshdesk.ledger.domain.Views;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Reads of {@code ledger.card_product}. */
public final class ProductRows {

  static final String SELECT =
      "select id, name, network, currency, purchase_apr_bps, cash_advance_apr_bps,"
          + " grace_days, min_payment_floor_minor, min_payment_percent_bps, late_fee_minor, created_at"
          + " from ledger.card_product";

  private ProductRows() {}

  /** A product by id. */
  public static Optional<Views.Product> find(Connection c, UUID tenant, UUID id)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " where tenant_id = ? and id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  static Views.Product read(ResultSet rs) throws SQLException {
    return new Views.Product(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getInt(6),
        rs.getInt(7),
        rs.getLong(8),
        rs.getInt(9),
        rs.getLong(10),
        rs.getTimestamp(11).toInstant());
  }
}
