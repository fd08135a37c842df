package io.meshdesk.ledger.query;

import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.Views;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of stored statements and their lines. */
public final class StatementRows {

  static final String SELECT =
      "select id, card_id, currency, period_start, period_end, previous_balance_minor,"
          + " payments_and_credits_minor, purchases_minor, cash_advances_minor, fees_minor, interest_minor,"
          + " new_balance_minor, minimum_payment_minor, due_date, credit_limit_minor, available_credit_minor,"
          + " generated_at from ledger.statement";

  private StatementRows() {}

  /** Statements of a card, newest first, closing before {@code beforePeriodEnd} (empty for all). */
  public static List<Views.Statement> list(
      Connection c, UUID tenant, UUID cardId, String beforePeriodEnd, int limit)
      throws SQLException {
    String sql =
        SELECT
            + " where tenant_id = ? and card_id = ?"
            + (beforePeriodEnd.isEmpty() ? "" : " and period_end < ?")
            + " order by period_end desc limit ?";
    List<Views.Statement> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setObject(i++, tenant);
      ps.setObject(i++, cardId);
      if (!beforePeriodEnd.isEmpty()) {
        ps.setObject(i++, LocalDate.parse(beforePeriodEnd));
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs, List.of()));
        }
      }
    }
    return out;
  }

  /** One statement with its lines. */
  public static Optional<Views.Statement> find(Connection c, UUID tenant, UUID statementId)
      throws SQLException {
    Views.Statement head;
    try (PreparedStatement ps = c.prepareStatement(SELECT + " where tenant_id = ? and id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, statementId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        head = read(rs, List.of());
      }
    }
    List<Views.StatementLine> lines = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select transaction_id, posted_date, type, description, amount_minor"
                + " from ledger.statement_line where tenant_id = ? and statement_id = ? order by line_no")) {
      ps.setObject(1, tenant);
      ps.setObject(2, statementId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(
              new Views.StatementLine(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, LocalDate.class),
                  TxnType.valueOf(rs.getString(3)),
                  rs.getString(4),
                  rs.getLong(5)));
        }
      }
    }
    return Optional.of(
        new Views.Statement(
            head.id(),
            head.cardId(),
            head.currency(),
            head.periodStart(),
            head.periodEnd(),
            head.previousBalanceMinor(),
            head.paymentsAndCreditsMinor(),
            head.purchasesMinor(),
            head.cashAdvancesMinor(),
            head.feesMinor(),
            head.interestMinor(),
            head.newBalanceMinor(),
            head.minimumPaymentMinor(),
            head.dueDate(),
            head.creditLimitMinor(),
            head.availableCreditMinor(),
            lines,
            head.generatedAt()));
  }

  private static Views.Statement read(ResultSet rs, List<Views.StatementLine> lines)
      throws SQLException {
    return new Views.Statement(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getObject(4, LocalDate.class),
        rs.getObject(5, LocalDate.class),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getLong(9),
        rs.getLong(10),
        rs.getLong(11),
        rs.getLong(12),
        rs.getLong(13),
        rs.getObject(14, LocalDate.class),
        rs.getLong(15),
        rs.getLong(16),
        lines,
        rs.getTimestamp(17).toInstant());
  }
}
