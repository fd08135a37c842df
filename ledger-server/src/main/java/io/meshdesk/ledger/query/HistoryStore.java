package io.meshdesk.ledger.query;

import io.meshdesk.ledger.domain.JournalEntryView;
import io.meshdesk.ledger.domain.PostingView;
import io.meshdesk.ledger.domain.StatementLineView;
import io.meshdesk.ledger.domain.StatementView;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.TxnView;
import io.meshdesk.ledger.posting.LedgerReadStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads of a card's history: transactions, journal entries, stored statements and their lines. */
public final class HistoryStore {

  static final String SELECT =
      "select id, card_id, currency, period_start, period_end, previous_balance_minor,"
          + " payments_and_credits_minor, purchases_minor, cash_advances_minor, fees_minor, interest_minor,"
          + " new_balance_minor, minimum_payment_minor, due_date, credit_limit_minor, available_credit_minor,"
          + " generated_at from ledger.statement";

  private HistoryStore() {}

  /** Statements of a card, newest first, closing before {@code beforePeriodEnd} (empty for all). */
  public static List<StatementView> statements(
      Connection c, UUID tenant, UUID cardId, String beforePeriodEnd, int limit)
      throws SQLException {
    String sql =
        SELECT
            + " where tenant_id = ? and card_id = ?"
            + (beforePeriodEnd.isEmpty() ? "" : " and period_end < ?")
            + " order by period_end desc limit ?";
    List<StatementView> out = new ArrayList<>();
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
  public static Optional<StatementView> statement(Connection c, UUID tenant, UUID statementId)
      throws SQLException {
    StatementView head;
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
    List<StatementLineView> lines = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select transaction_id, posted_date, type, description, amount_minor"
                + " from ledger.statement_line where tenant_id = ? and statement_id = ? order by line_no")) {
      ps.setObject(1, tenant);
      ps.setObject(2, statementId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(
              new StatementLineView(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, LocalDate.class),
                  TxnType.valueOf(rs.getString(3)),
                  rs.getString(4),
                  rs.getLong(5)));
        }
      }
    }
    return Optional.of(
        new StatementView(
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

  private static StatementView read(ResultSet rs, List<StatementLineView> lines)
      throws SQLException {
    return new StatementView(
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

  /**
   * A card's transactions newest first, optionally within [from, to), of some types, after a keyset
   * position.
   */
  static List<TxnView> transactions(
      Connection c,
      UUID tenant,
      UUID cardId,
      Instant from,
      Instant to,
      Set<TxnType> types,
      String after,
      int limit)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "select "
                + LedgerReadStore.TXN_COLUMNS
                + " from ledger.txn t where t.tenant_id = ? and t.card_id = ?");
    List<Object> args = new ArrayList<>(List.of(tenant, cardId));
    range(sql, args, "t.posted_at", from, to);
    if (types != null && !types.isEmpty()) {
      sql.append(" and t.type = any(?)");
      args.add(c.createArrayOf("text", types.stream().map(Enum::name).toArray()));
    }
    if (!after.isEmpty()) {
      String[] pos = after.split("\\|", 2);
      sql.append(" and (t.posted_at, t.id) < (?, ?)");
      args.add(Timestamp.from(Instant.parse(pos[0])));
      args.add(UUID.fromString(pos[1]));
    }
    sql.append(" order by t.posted_at desc, t.id desc limit ?");
    args.add(limit);
    List<TxnView> rows = new ArrayList<>();
    try (PreparedStatement ps = bind(c, sql.toString(), args);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(LedgerReadStore.readTxn(rs));
      }
    }
    return rows;
  }

  /** A card's journal entries with their postings in chain order, after a sequence position. */
  static List<JournalEntryView> journal(
      Connection c, UUID tenant, UUID cardId, Instant from, Instant to, String after, int limit)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "select e.id, e.card_id, e.sequence, e.transaction_id, e.posted_at, e.hash,"
                + " e.previous_hash, p.account, p.amount_minor, p.currency from ledger.journal_entry e join ledger.posting p"
                + " on p.tenant_id = e.tenant_id and p.entry_id = e.id where e.id in (select id from ledger.journal_entry e"
                + " where e.tenant_id = ? and e.card_id = ? and e.sequence > ?");
    List<Object> args =
        new ArrayList<>(List.of(tenant, cardId, after.isEmpty() ? 0L : Long.parseLong(after)));
    range(sql, args, "e.posted_at", from, to);
    sql.append(" order by e.sequence limit ?) and e.tenant_id = ? order by e.sequence, p.leg");
    args.add(limit);
    args.add(tenant);
    Map<UUID, JournalEntryView> entries = new LinkedHashMap<>();
    Map<UUID, List<PostingView>> legs = new LinkedHashMap<>();
    try (PreparedStatement ps = bind(c, sql.toString(), args);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        UUID id = rs.getObject(1, UUID.class);
        List<PostingView> list = legs.computeIfAbsent(id, k -> new ArrayList<>());
        entries.computeIfAbsent(
            id,
            k -> {
              try {
                return new JournalEntryView(
                    id,
                    rs.getObject(2, UUID.class),
                    rs.getLong(3),
                    rs.getObject(4, UUID.class),
                    rs.getTimestamp(5).toInstant(),
                    list,
                    rs.getString(6),
                    rs.getString(7));
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
        list.add(new PostingView(rs.getString(8), rs.getLong(9), rs.getString(10)));
      }
    }
    return new ArrayList<>(entries.values());
  }

  private static void range(
      StringBuilder sql, List<Object> args, String column, Instant from, Instant to) {
    if (from != null) {
      sql.append(" and ").append(column).append(" >= ?");
      args.add(Timestamp.from(from));
    }
    if (to != null) {
      sql.append(" and ").append(column).append(" < ?");
      args.add(Timestamp.from(to));
    }
  }

  private static PreparedStatement bind(Connection c, String sql, List<Object> args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
    return ps;
  }
}
