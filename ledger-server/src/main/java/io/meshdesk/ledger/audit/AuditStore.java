package io.meshdesk.ledger.audit;

import io.meshdesk.ledger.audit.AuditReport.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The set-based audit checks: each query returns (entity id, detail) per violation. */
final class AuditStore {

  private AuditStore() {}

  static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void run(Connection c, Kind kind, String entityType, String sql, ViolationCollector v)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          v.add(kind, entityType, rs.getString(1), rs.getString(2));
        }
      }
    }
  }

  /**
   * Stored balance, chain head, hold totals and limit of each card against the journal and holds.
   */
  static void cards(Connection c, String card, ViolationCollector v) throws SQLException {
    String sums =
        "with j as (select e.card_id, coalesce(sum(p.amount_minor) filter (where p.account = 'card:'"
            + " || e.card_id || ':receivable'), 0) as receivable, max(e.sequence) as seq,"
            + " (array_agg(e.hash order by e.sequence desc))[1] as head from ledger.journal_entry e"
            + " left join ledger.posting p on p.tenant_id = e.tenant_id and p.entry_id = e.id group by e.card_id),"
            + " h as (select card_id, sum(amount_minor) as held, count(*) as n from ledger.hold where status = 'OPEN'"
            + " group by card_id),"
            + " f as (select card_id, sum(amount_minor) as charges from ledger.txn where type in ('FEE', 'INTEREST',"
            + " 'FEE_REVERSAL', 'INTEREST_REVERSAL', 'PAYMENT_REVERSAL') group by card_id)";
    run(
        c,
        Kind.BALANCE_MISMATCH,
        "card",
        sums
            + " select c.id, 'stored balance ' || c.balance_minor || ' but"
            + " postings sum to ' || coalesce(j.receivable, 0) from ledger.card c left join j on j.card_id = c.id"
            + " where c.balance_minor <> coalesce(j.receivable, 0)"
            + card,
        v);
    run(
        c,
        Kind.BROKEN_CHAIN,
        "card",
        sums
            + " select c.id, 'chain head ' || c.last_sequence || '/'"
            + " || left(c.last_hash, 12) || ' but journal ends at ' || coalesce(j.seq, 0) || '/' ||"
            + " left(coalesce(j.head, repeat('0', 64)), 12) from ledger.card c left join j on j.card_id = c.id"
            + " where (c.last_sequence <> coalesce(j.seq, 0) or c.last_hash <> coalesce(j.head, repeat('0', 64)))"
            + card,
        v);
    run(
        c,
        Kind.HOLD_INCONSISTENT,
        "card",
        sums
            + " select c.id, 'stored open holds ' || c.open_holds_minor"
            + " || ' (' || c.open_hold_count || ') but holds sum to ' || coalesce(h.held, 0) || ' (' || coalesce(h.n, 0)"
            + " || ')' from ledger.card c left join h on h.card_id = c.id where (c.open_holds_minor <> coalesce(h.held, 0)"
            + " or c.open_hold_count <> coalesce(h.n, 0))"
            + card,
        v);
    // Every authorisation, purchase and cash advance was checked against the limit in force then;
    // afterwards only credits, captures (at most their hold), expiries and issuer charges (fees,
    // interest, which may exceed the limit, net of their reversals, and returned payments, which
    // restore what was owed) follow. So spending (the balance without those) plus open holds stays
    // within the limit in force at the card's last spending, however the limit changed since.
    run(
        c,
        Kind.OVER_LIMIT,
        "card",
        sums
            + ", s as (select c.tenant_id, c.id, c.credit_limit_minor, greatest("
            + "(select max(t.posted_at) from ledger.txn t where t.tenant_id = c.tenant_id and t.card_id = c.id"
            + " and t.type in ('PURCHASE', 'CASH_ADVANCE') and t.hold_id is null), (select max(x.created_at)"
            + " from ledger.hold x where x.tenant_id = c.tenant_id and x.card_id = c.id)) as spent_at"
            + " from ledger.card c where true"
            + card
            + "),"
            + " l as (select s.id, coalesce((select lc.new_limit_minor from ledger.limit_change lc"
            + " where lc.tenant_id = s.tenant_id and lc.card_id = s.id and lc.changed_at <= s.spent_at"
            + " order by lc.changed_at desc, lc.id limit 1), s.credit_limit_minor) as limit_then from s"
            + " where s.spent_at is not null)"
            + " select c.id, 'balance ' || c.balance_minor || ' less fees and interest ' || coalesce(f.charges, 0)"
            + " || ' plus holds ' || coalesce(h.held, 0) || ' exceeds the limit ' || l.limit_then"
            + " || ' in force when the card last spent' from ledger.card c join l on l.id = c.id"
            + " left join h on h.card_id = c.id left join f on f.card_id = c.id"
            + " where c.balance_minor - coalesce(f.charges, 0) + coalesce(h.held, 0) > l.limit_then"
            + card,
        v);
  }

  /**
   * A reversal mirrors an original of its card and of the type it reverses, for the opposite
   * amount; no transaction is reversed more than once.
   */
  static void reversals(Connection c, String card, ViolationCollector v) throws SQLException {
    String reversal = " r.type in ('FEE_REVERSAL', 'INTEREST_REVERSAL', 'PAYMENT_REVERSAL')";
    run(
        c,
        Kind.REVERSAL_MISMATCH,
        "transaction",
        "select r.id, r.type || ' of ' || r.amount_minor || ' reverses '"
            + " || coalesce(o.type || ' of ' || o.amount_minor || case when o.card_id <> r.card_id then ' on another card'"
            + " else '' end, 'nothing') from ledger.txn r join ledger.card c on c.tenant_id = r.tenant_id and c.id = r.card_id"
            + " left join ledger.txn o on o.tenant_id = r.tenant_id and o.id = r.original_txn_id where"
            + reversal
            + " and (o.id is null or o.card_id <> r.card_id or o.amount_minor <> -r.amount_minor"
            + " or r.type <> o.type || '_REVERSAL')"
            + card,
        v);
    run(
        c,
        Kind.DUPLICATE_REVERSAL,
        "transaction",
        "select r.original_txn_id, 'reversed ' || count(*) || ' times'"
            + " from ledger.txn r join ledger.card c on c.tenant_id = r.tenant_id and c.id = r.card_id where"
            + reversal
            + card
            + " group by r.original_txn_id having count(*) > 1",
        v);
  }

  /** A captured hold has exactly one capture of its captured amount; any other hold has none. */
  static void holds(Connection c, String card, ViolationCollector v) throws SQLException {
    run(
        c,
        Kind.HOLD_INCONSISTENT,
        "hold",
        "select h.id, 'hold ' || h.status || ' captured ' || h.captured_minor"
            + " || ' of ' || h.amount_minor || ' has ' || count(t.id) || ' capture(s) totalling ' ||"
            + " coalesce(sum(t.amount_minor), 0) from ledger.hold h join ledger.card c on c.tenant_id = h.tenant_id"
            + " and c.id = h.card_id left join ledger.txn t on t.tenant_id = h.tenant_id and t.hold_id = h.id"
            + " where true"
            + card
            + " group by h.id, h.status, h.captured_minor, h.amount_minor having"
            + " (h.status = 'CAPTURED' and (count(t.id) <> 1 or sum(t.amount_minor) <> h.captured_minor"
            + " or h.captured_minor > h.amount_minor)) or (h.status <> 'CAPTURED' and (count(t.id) > 0"
            + " or h.captured_minor <> 0))",
        v);
  }

  /** Transactions and postings in the card's currency. */
  static void currencies(Connection c, String card, ViolationCollector v) throws SQLException {
    run(
        c,
        Kind.CURRENCY_MISMATCH,
        "transaction",
        "select t.id, 'transaction in ' || t.currency || ' on a '"
            + " || c.currency || ' card' from ledger.txn t join ledger.card c on c.tenant_id = t.tenant_id"
            + " and c.id = t.card_id where t.currency <> c.currency"
            + card,
        v);
    run(
        c,
        Kind.CURRENCY_MISMATCH,
        "journal_entry",
        "select distinct e.id, 'posting in ' || p.currency || ' on a '"
            + " || c.currency || ' card' from ledger.journal_entry e join ledger.card c on c.tenant_id = e.tenant_id"
            + " and c.id = e.card_id join ledger.posting p on p.tenant_id = e.tenant_id and p.entry_id = e.id"
            + " where p.currency <> c.currency"
            + card,
        v);
  }

  /**
   * A statement's totals equal its lines and its arithmetic, its lines equal their transactions,
   * every transaction dated in its period is billed on it, and it starts where the previous one
   * ended.
   */
  static void statements(Connection c, String card, ViolationCollector v) throws SQLException {
    String base =
        " from ledger.statement s join ledger.card c on c.tenant_id = s.tenant_id and c.id = s.card_id";
    run(
        c,
        Kind.STATEMENT_MISMATCH,
        "statement",
        "select s.id, 'totals do not add up to new balance '"
            + " || s.new_balance_minor"
            + base
            + " where s.new_balance_minor <> s.previous_balance_minor"
            + " - s.payments_and_credits_minor + s.purchases_minor + s.cash_advances_minor + s.fees_minor"
            + " + s.interest_minor"
            + card,
        v);
    run(
        c,
        Kind.STATEMENT_MISMATCH,
        "statement",
        "select s.id, 'lines differ from totals'"
            + base
            + " left join lateral (select coalesce(sum(-amount_minor) filter (where type in ('PAYMENT', 'REFUND',"
            + " 'FEE_REVERSAL', 'INTEREST_REVERSAL', 'PAYMENT_REVERSAL')), 0) pc,"
            + " coalesce(sum(amount_minor) filter (where type = 'PURCHASE'), 0) pu,"
            + " coalesce(sum(amount_minor) filter (where type = 'CASH_ADVANCE'), 0) ca,"
            + " coalesce(sum(amount_minor) filter (where type = 'FEE'), 0) fe,"
            + " coalesce(sum(amount_minor) filter (where type = 'INTEREST'), 0) it from ledger.statement_line l"
            + " where l.tenant_id = s.tenant_id and l.statement_id = s.id) l on true where (l.pc, l.pu, l.ca, l.fe, l.it)"
            + " <> (s.payments_and_credits_minor, s.purchases_minor, s.cash_advances_minor, s.fees_minor,"
            + " s.interest_minor)"
            + card,
        v);
    run(
        c,
        Kind.STATEMENT_MISMATCH,
        "statement",
        "select distinct s.id, 'line ' || l.line_no || ' says '"
            + " || l.amount_minor || ' but its transaction is ' || coalesce(t.amount_minor::text, 'missing')"
            + base
            + " join ledger.statement_line l on l.tenant_id = s.tenant_id and l.statement_id = s.id left join ledger.txn t"
            + " on t.tenant_id = l.tenant_id and t.id = l.transaction_id where (t.id is null or t.amount_minor <>"
            + " l.amount_minor or t.card_id <> s.card_id)"
            + card,
        v);
    run(
        c,
        Kind.STATEMENT_MISMATCH,
        "statement",
        "select s.id, count(t.id) || ' transaction(s) dated in the period"
            + " are not on it'"
            + base
            + " join ledger.txn t on t.tenant_id = s.tenant_id and t.card_id = s.card_id"
            + " and t.posted_date between s.period_start and s.period_end where not exists (select 1 from"
            + " ledger.statement_line l where l.tenant_id = s.tenant_id and l.statement_id = s.id and l.transaction_id"
            + " = t.id)"
            + card
            + " group by s.id",
        v);
    run(
        c,
        Kind.STATEMENT_MISMATCH,
        "statement",
        "select s.id, 'previous balance ' || s.previous_balance_minor"
            + " || ' but the previous statement closed at ' || coalesce(p.new_balance_minor, 0)"
            + base
            + " left join lateral (select new_balance_minor from ledger.statement x where x.tenant_id = s.tenant_id"
            + " and x.card_id = s.card_id and x.period_end < s.period_end order by x.period_end desc limit 1) p on true"
            + " where s.previous_balance_minor <> coalesce(p.new_balance_minor, 0)"
            + card,
        v);
  }
}
