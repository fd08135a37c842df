package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.Views;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Single-row reads shared by the posting path (replays) and the query service. */
public final class LedgerReads {

  /** Columns {@link #readTxn} expects, over {@code ledger.txn t}. */
  public static final String TXN_COLUMNS = "t.id, t.card_id, t.type, t.amount_minor, t.currency, t.merchant_name,"
      + " t.merchant_mcc, t.merchant_country, t.merchant_city, t.merchant_ref, t.hold_id, t.original_txn_id,"
      + " t.fee_type, t.description, t.reference, t.idempotency_key, t.journal_entry_id, t.posted_at, t.posted_date,"
      + " (select l.statement_id from ledger.statement_line l where l.tenant_id = t.tenant_id"
      + " and l.transaction_id = t.id limit 1)";

  private LedgerReads() {}

  /** A card row without locking it. */
  public static Optional<CardState> card(Connection c, UUID tenant, UUID cardId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select " + CardState.COLUMNS + " from ledger.card c where c.tenant_id = ? and c.id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, cardId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(CardState.read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * A card's balance as of {@code now}; holds past their expiry no longer count even before the
   * next posting marks them expired.
   */
  public static Optional<Views.Balance> balance(Connection c, UUID tenant, UUID cardId, Instant now)
      throws SQLException {
    Optional<CardState> card = card(c, tenant, cardId);
    if (card.isEmpty()) {
      return Optional.empty();
    }
    CardState cs = card.get();
    if (cs.nextHoldExpiry != null && !cs.nextHoldExpiry.isAfter(now)) {
      try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(amount_minor), 0), count(*) from ledger.hold"
          + " where tenant_id = ? and card_id = ? and status = 'OPEN' and expires_at > ?")) {
        ps.setObject(1, tenant);
        ps.setObject(2, cardId);
        ps.setTimestamp(3, Sql.ts(now));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          cs.openHolds = rs.getLong(1);
          cs.openHoldCount = rs.getInt(2);
        }
      }
    }
    return Optional.of(cs.balance(now));
  }

  /** A hold by id. */
  public static Optional<Views.Hold> hold(Connection c, UUID tenant, UUID holdId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select " + PostingStore.HOLD_COLUMNS + " from ledger.hold h where h.tenant_id = ? and h.id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, holdId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(PostingStore.readHold(rs)) : Optional.empty();
      }
    }
  }

  /** A transaction by id. */
  public static Optional<Views.Txn> txn(Connection c, UUID tenant, UUID txnId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select " + TXN_COLUMNS + " from ledger.txn t where t.tenant_id = ? and t.id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, txnId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readTxn(rs)) : Optional.empty();
      }
    }
  }

  /** Reads a transaction row (columns as in {@link #TXN_COLUMNS}). */
  public static Views.Txn readTxn(ResultSet rs) throws SQLException {
    return new Views.Txn(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), TxnType.valueOf(rs.getString(3)),
        rs.getLong(4), rs.getString(5), new Merchant(rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getString(9), rs.getString(10)), rs.getObject(11, UUID.class), rs.getObject(12, UUID.class),
        rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getObject(17, UUID.class),
        rs.getTimestamp(18).toInstant(), rs.getObject(19, LocalDate.class), rs.getObject(20, UUID.class));
  }
}
