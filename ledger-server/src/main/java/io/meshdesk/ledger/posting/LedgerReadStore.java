package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.BalanceView;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.TxnView;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Single-row reads shared by the posting path (replays) and the query service. */
public final class LedgerReadStore {

  /**
   * A transaction's own columns (19), as {@link #readTxnContent} expects, over {@code ledger.txn
   * t}.
   */
  public static final String TXN_CONTENT =
      "t.id, t.card_id, t.type, t.amount_minor, t.currency, t.merchant_name,"
          + " t.merchant_mcc, t.merchant_country, t.merchant_city, t.merchant_ref, t.hold_id, t.original_txn_id,"
          + " t.fee_type, t.description, t.reference, t.idempotency_key, t.journal_entry_id, t.posted_at, t.posted_date";

  /** Columns {@link #readTxn} expects, over {@code ledger.txn t}. */
  public static final String TXN_COLUMNS =
      TXN_CONTENT
          + ","
          + " (select l.statement_id from ledger.statement_line l where l.tenant_id = t.tenant_id"
          + " and l.transaction_id = t.id limit 1)";

  private LedgerReadStore() {}

  /** A card row without locking it. */
  public static Optional<CardState> card(Connection c, UUID tenant, UUID cardId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + CardState.COLUMNS
                + " from ledger.card c where c.tenant_id = ? and c.id = ?")) {
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
  public static Optional<BalanceView> balance(Connection c, UUID tenant, UUID cardId, Instant now)
      throws SQLException {
    Optional<CardState> card = card(c, tenant, cardId);
    if (card.isEmpty()) {
      return Optional.empty();
    }
    CardState cs = card.get();
    if (cs.nextHoldExpiry != null && !cs.nextHoldExpiry.isAfter(now)) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "select coalesce(sum(amount_minor), 0), count(*) from ledger.hold"
                  + " where tenant_id = ? and card_id = ? and status = 'OPEN' and expires_at > ?")) {
        ps.setObject(1, tenant);
        ps.setObject(2, cardId);
        ps.setTimestamp(3, Sql.timestamp(now));
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
  public static Optional<HoldView> hold(Connection c, UUID tenant, UUID holdId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + PostingStore.HOLD_COLUMNS
                + " from ledger.hold h where h.tenant_id = ? and h.id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, holdId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(PostingStore.readHold(rs)) : Optional.empty();
      }
    }
  }

  /** A transaction by id. */
  public static Optional<TxnView> txn(Connection c, UUID tenant, UUID txnId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select " + TXN_COLUMNS + " from ledger.txn t where t.tenant_id = ? and t.id = ?")) {
      ps.setObject(1, tenant);
      ps.setObject(2, txnId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readTxn(rs)) : Optional.empty();
      }
    }
  }

  /** Reads a transaction row (columns as in {@link #TXN_COLUMNS}). */
  public static TxnView readTxn(ResultSet rs) throws SQLException {
    TxnView t = readTxnContent(rs, 1);
    return new TxnView(
        t.id(),
        t.cardId(),
        t.type(),
        t.amountMinor(),
        t.currency(),
        t.merchant(),
        t.holdId(),
        t.originalTxnId(),
        t.feeType(),
        t.description(),
        t.reference(),
        t.idempotencyKey(),
        t.journalEntryId(),
        t.postedAt(),
        t.postedDate(),
        rs.getObject(20, UUID.class));
  }

  /** Reads the {@link #TXN_CONTENT} columns starting at column {@code at}; no statement id. */
  public static TxnView readTxnContent(ResultSet rs, int at) throws SQLException {
    int i = at - 1;
    return new TxnView(
        rs.getObject(i + 1, UUID.class),
        rs.getObject(i + 2, UUID.class),
        TxnType.valueOf(rs.getString(i + 3)),
        rs.getLong(i + 4),
        rs.getString(i + 5),
        new Merchant(
            rs.getString(i + 6),
            rs.getString(i + 7),
            rs.getString(i + 8),
            rs.getString(i + 9),
            rs.getString(i + 10)),
        rs.getObject(i + 11, UUID.class),
        rs.getObject(i + 12, UUID.class),
        rs.getString(i + 13),
        rs.getString(i + 14),
        rs.getString(i + 15),
        rs.getString(i + 16),
        rs.getObject(i + 17, UUID.class),
        rs.getTimestamp(i + 18).toInstant(),
        rs.getObject(i + 19, LocalDate.class),
        null);
  }
}
