package io.meshdesk.ledger.spending;

import io.meshdesk.ledger.analysis.CategoryMonthTotal;
import io.meshdesk.ledger.analysis.Charge;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/** Reads a card's purchases for spending reports and the anomaly rules. */
final class SpendingStore {

  /** Most charges the anomaly rules look at; older ones beyond it are left out. */
  static final int MAX_CHARGES = 5000;

  private SpendingStore() {}

  /**
   * Purchases less refunds per posting month and merchant category code in [from, to); a refund
   * without its own code takes its purchase's.
   */
  static List<CategoryMonthTotal> monthTotals(
      Connection c, UUID tenant, UUID cardId, LocalDate from, LocalDate to) throws SQLException {
    return Sql.list(
        c,
        rs ->
            new CategoryMonthTotal(
                YearMonth.parse(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getInt(4)),
        "select to_char(t.posted_date, 'YYYY-MM'),"
            + " coalesce(nullif(t.merchant_mcc, ''), o.merchant_mcc, ''),"
            + " sum(t.amount_minor), count(*)"
            + " from ledger.txn t left join ledger.txn o"
            + " on o.tenant_id = t.tenant_id and o.id = t.original_txn_id"
            + " where t.tenant_id = ? and t.card_id = ? and t.type in ('PURCHASE', 'REFUND')"
            + " and t.posted_date >= ? and t.posted_date < ?"
            + " group by 1, 2",
        tenant,
        cardId,
        from,
        to);
  }

  /** Purchases posted since {@code from} that were not refunded in full, newest first. */
  static List<Charge> charges(Connection c, UUID tenant, UUID cardId, Instant from)
      throws SQLException {
    return Sql.list(
        c,
        rs ->
            new Charge(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getTimestamp(5).toInstant()),
        "select t.id, coalesce(t.merchant_name, ''), coalesce(t.merchant_mcc, ''),"
            + " t.amount_minor, t.posted_at from ledger.txn t"
            + " where t.tenant_id = ? and t.card_id = ? and t.type = 'PURCHASE' and t.posted_at >= ?"
            + " and t.amount_minor > coalesce((select -sum(r.amount_minor) from ledger.txn r"
            + " where r.tenant_id = t.tenant_id and r.original_txn_id = t.id"
            + " and r.type = 'REFUND'), 0)"
            + " order by t.posted_at desc limit ?",
        tenant,
        cardId,
        from,
        MAX_CHARGES);
  }
}
