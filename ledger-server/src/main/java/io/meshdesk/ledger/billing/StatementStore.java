package io.meshdesk.ledger.billing;

import io.meshdesk.ledger.domain.StatementLineView;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.statement.LateFeePolicy;
import io.meshdesk.ledger.statement.MinimumPaymentRule;
import io.meshdesk.ledger.statement.Money;
import io.meshdesk.ledger.statement.PreviousStatement;
import io.meshdesk.ledger.statement.ProductTerms;
import io.meshdesk.ledger.statement.SegmentAmounts;
import io.meshdesk.ledger.statement.Statement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * SQL of statement closing: terms, the previous snapshot, the cycle's transactions, the stored
 * statement.
 */
final class StatementStore {

  /**
   * A posted transaction as the calculator sees it.
   *
   * @param originalDate posting date of the transaction it refunds or reverses, or null
   */
  record Posted(
      UUID id,
      TxnType type,
      long signedMinor,
      String description,
      LocalDate postedDate,
      LocalDate originalDate) {}

  private StatementStore() {}

  /** The terms of a card's product (read by SQL: statement closing is a batch path). */
  static ProductTerms terms(Connection c, UUID tenant, UUID productId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select currency, purchase_apr_bps, cash_advance_apr_bps, grace_days,"
                + " min_payment_floor_minor, min_payment_percent_bps, late_fee_minor"
                + " from ledger.card_product where tenant_id = ? and id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, productId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no card product " + productId);
        }
        Currency cur = Currency.getInstance(rs.getString(1).trim());
        return new ProductTerms(
            cur,
            rs.getInt(2),
            rs.getInt(3),
            rs.getInt(4),
            new MinimumPaymentRule(new Money(rs.getLong(5), cur), rs.getInt(6)),
            new LateFeePolicy(new Money(rs.getLong(7), cur)));
      }
    }
  }

  static PreviousStatement previous(Connection c, UUID tenant, UUID cardId, Currency cur)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select closing_purchase_minor, closing_cash_advance_minor,"
                + " minimum_payment_minor, due_date from ledger.statement where tenant_id = ? and card_id = ?"
                + " order by period_end desc limit 1")) {
      ps.setObject(1, tenant);
      ps.setObject(2, cardId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return PreviousStatement.none(cur);
        }
        return new PreviousStatement(
            new SegmentAmounts(new Money(rs.getLong(1), cur), new Money(rs.getLong(2), cur)),
            new Money(rs.getLong(3), cur),
            rs.getObject(4, LocalDate.class));
      }
    }
  }

  static boolean exists(Connection c, UUID tenant, UUID cardId, LocalDate periodEnd)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select 1 from ledger.statement where tenant_id = ? and card_id = ? and period_end = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, cardId);
      ps.setObject(3, periodEnd);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Transactions dated in [from, to], in posting order. */
  static List<Posted> posted(Connection c, UUID tenant, UUID cardId, LocalDate from, LocalDate to)
      throws SQLException {
    List<Posted> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select t.id, t.type, t.amount_minor, t.description,"
                + " t.posted_date, o.posted_date from ledger.txn t left join ledger.txn o on o.tenant_id = t.tenant_id"
                + " and o.id = t.original_txn_id where t.tenant_id = ? and t.card_id = ? and t.posted_date between ? and ?"
                + " order by t.posted_date, t.posted_at, t.id")) {
      ps.setObject(1, tenant);
      ps.setObject(2, cardId);
      ps.setObject(3, from);
      ps.setObject(4, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Posted(
                  rs.getObject(1, UUID.class),
                  TxnType.valueOf(rs.getString(2)),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getObject(5, LocalDate.class),
                  rs.getObject(6, LocalDate.class)));
        }
      }
    }
    return out;
  }

  /** Payments dated after {@code date}, less payments returned after it (never below zero). */
  static long paymentsAfter(Connection c, UUID tenant, UUID cardId, LocalDate date)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select greatest(coalesce(-sum(amount_minor), 0), 0)"
                + " from ledger.txn where tenant_id = ? and card_id = ? and type in ('PAYMENT', 'PAYMENT_REVERSAL')"
                + " and posted_date > ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, cardId);
      ps.setObject(3, date);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static void insert(
      Connection c,
      UUID tenant,
      UUID id,
      UUID cardId,
      Statement s,
      long limit,
      long available,
      List<StatementLineView> lines,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into ledger.statement (tenant_id, id, card_id, currency,"
                + " period_start, period_end, previous_balance_minor, payments_and_credits_minor, purchases_minor,"
                + " cash_advances_minor, fees_minor, interest_minor, new_balance_minor, closing_purchase_minor,"
                + " closing_cash_advance_minor, minimum_payment_minor, due_date, credit_limit_minor, available_credit_minor,"
                + " purchase_grace_applied, generated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int i = 1;
      ps.setObject(i++, tenant);
      ps.setObject(i++, id);
      ps.setObject(i++, cardId);
      ps.setString(i++, s.newBalance().currency().getCurrencyCode());
      ps.setObject(i++, s.periodStart());
      ps.setObject(i++, s.periodEnd());
      for (Money m :
          List.of(
              s.previousBalance(),
              s.paymentsAndCredits(),
              s.purchases(),
              s.cashAdvances(),
              s.fees(),
              s.interest(),
              s.newBalance(),
              s.closingBalances().purchase(),
              s.closingBalances().cashAdvance(),
              s.minimumPayment())) {
        ps.setLong(i++, m.minorUnits());
      }
      ps.setObject(i++, s.dueDate());
      ps.setLong(i++, limit);
      ps.setLong(i++, available);
      ps.setBoolean(i++, s.purchaseGraceApplied());
      ps.setTimestamp(i, Timestamp.from(now));
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into ledger.statement_line (tenant_id, statement_id,"
                + " line_no, transaction_id, posted_date, type, description, amount_minor) values (?,?,?,?,?,?,?,?)")) {
      int n = 1;
      for (StatementLineView l : lines) {
        ps.setObject(1, tenant);
        ps.setObject(2, id);
        ps.setInt(3, n++);
        ps.setObject(4, l.transactionId());
        ps.setObject(5, l.postedDate());
        ps.setString(6, l.type().name());
        ps.setString(7, l.description());
        ps.setLong(8, l.amountMinor());
        ps.addBatch();
      }
      if (!lines.isEmpty()) {
        ps.executeBatch();
      }
    }
  }

  static void advanceCard(
      Connection c,
      UUID tenant,
      UUID cardId,
      LocalDate next,
      Statement s,
      long paidSince,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ledger.card set next_statement_date = ?,"
                + " last_statement_balance_minor = ?, last_minimum_payment_minor = ?, last_due_date = ?,"
                + " paid_since_statement_minor = ?, updated_at = ? where tenant_id = ? and id = ?")) {
      ps.setObject(1, next);
      ps.setLong(2, s.newBalance().minorUnits());
      ps.setLong(3, s.minimumPayment().minorUnits());
      ps.setObject(4, s.dueDate());
      ps.setLong(5, paidSince);
      ps.setTimestamp(6, Timestamp.from(now));
      ps.setObject(7, tenant);
      ps.setObject(8, cardId);
      ps.executeUpdate();
    }
  }
}
