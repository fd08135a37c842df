package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.HoldStatus;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of the posting path, a few set-based statements per batch whatever its size: claim
 * idempotency keys, lock cards in id order, read holds and refunded purchases, then write
 * everything in one statement.
 */
final class PostingStore {

  /** An existing idempotency record. */
  record Existing(
      String key,
      String requestHash,
      String outcome,
      String reason,
      String detail,
      UUID cardId,
      UUID holdId,
      UUID txnId) {}

  static final String HOLD_COLUMNS =
      "h.id, h.card_id, h.amount_minor, h.captured_minor, h.currency, h.status,"
          + " h.merchant_name, h.merchant_mcc, h.merchant_country, h.merchant_city, h.merchant_ref, h.created_at,"
          + " h.expires_at, h.finalized_at";

  private PostingStore() {}

  /**
   * Inserts a pending record per key (keys sorted, so concurrent batches wait in one order);
   * returns the new ones.
   */
  static Set<String> claim(
      Connection c,
      UUID tenant,
      List<String> keys,
      List<String> hashes,
      List<String> kinds,
      Instant now)
      throws SQLException {
    String sql =
        "insert into ledger.operation (tenant_id, idempotency_key, request_hash, kind, outcome, created_at)"
            + " select ?, u.k, u.h, u.kind, 'PENDING', ? from unnest(?::text[], ?::text[], ?::text[]) as u(k, h, kind)"
            + " on conflict do nothing returning idempotency_key";
    Set<String> fresh = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, tenant);
      ps.setTimestamp(2, Sql.timestamp(now));
      ps.setArray(3, Sql.texts(c, keys));
      ps.setArray(4, Sql.texts(c, hashes));
      ps.setArray(5, Sql.texts(c, kinds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fresh.add(rs.getString(1));
        }
      }
    }
    return fresh;
  }

  /** Removes the pending claims of keys whose operation recorded nothing (they stay unused). */
  static void release(Connection c, UUID tenant, List<String> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "delete from ledger.operation where tenant_id = ?"
                + " and idempotency_key = any(?) and outcome = 'PENDING'")) {
      ps.setObject(1, tenant);
      ps.setArray(2, Sql.texts(c, keys));
      ps.executeUpdate();
    }
  }

  /** Reads existing idempotency records. */
  static Map<String, Existing> existing(Connection c, UUID tenant, Collection<String> keys)
      throws SQLException {
    Map<String, Existing> out = new HashMap<>();
    String sql =
        "select idempotency_key, request_hash, outcome, decline_reason, decline_detail, card_id, hold_id,"
            + " transaction_id from ledger.operation where tenant_id = ? and idempotency_key = any(?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, tenant);
      ps.setArray(2, Sql.texts(c, keys));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString(1),
              new Existing(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getObject(6, UUID.class),
                  rs.getObject(7, UUID.class),
                  rs.getObject(8, UUID.class)));
        }
      }
    }
    return out;
  }

  /** Locks the named cards and the cards of the named holds, in id order, and reads them. */
  static Map<UUID, CardState> lockCards(
      Connection c, UUID tenant, Collection<UUID> cardIds, Collection<UUID> holdIds)
      throws SQLException {
    String sql =
        "select "
            + CardState.COLUMNS
            + " from ledger.card c where c.tenant_id = ? and (c.id = any(?)"
            + (holdIds.isEmpty()
                ? ""
                : " or c.id in (select card_id from ledger.hold where tenant_id = ? and id = any(?))")
            + ") order by c.id for update";
    Map<UUID, CardState> cards = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, tenant);
      ps.setArray(2, Sql.uuids(c, cardIds));
      if (!holdIds.isEmpty()) {
        ps.setObject(3, tenant);
        ps.setArray(4, Sql.uuids(c, holdIds));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          CardState card = CardState.read(rs);
          cards.put(card.id, card);
        }
      }
    }
    return cards;
  }

  /**
   * Marks open holds past their expiry EXPIRED on cards whose earliest expiry has passed, and
   * refreshes those cards' hold totals. Runs only when some locked card needs it.
   */
  static void expireHolds(Connection c, UUID tenant, Collection<CardState> cards, Instant now)
      throws SQLException {
    List<UUID> due = new ArrayList<>();
    for (CardState card : cards) {
      if (card.nextHoldExpiry != null && !card.nextHoldExpiry.isAfter(now)) {
        due.add(card.id);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ledger.hold set status = 'EXPIRED', finalized_at = expires_at"
                + " where tenant_id = ? and card_id = any(?) and status = 'OPEN' and expires_at <= ?")) {
      ps.setObject(1, tenant);
      ps.setArray(2, Sql.uuids(c, due));
      ps.setTimestamp(3, Sql.timestamp(now));
      ps.executeUpdate();
    }
    Map<UUID, CardState> byId = new HashMap<>();
    for (CardState card : cards) {
      if (due.contains(card.id)) {
        card.openHolds = 0;
        card.openHoldCount = 0;
        card.nextHoldExpiry = null;
        card.dirty = true;
        byId.put(card.id, card);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select card_id, sum(amount_minor), count(*), min(expires_at)"
                + " from ledger.hold where tenant_id = ? and card_id = any(?) and status = 'OPEN' group by card_id")) {
      ps.setObject(1, tenant);
      ps.setArray(2, Sql.uuids(c, due));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          CardState card = byId.get(rs.getObject(1, UUID.class));
          card.openHolds = rs.getLong(2);
          card.openHoldCount = rs.getInt(3);
          card.nextHoldExpiry = rs.getTimestamp(4).toInstant();
        }
      }
    }
  }

  /** Reads holds by id. */
  static Map<UUID, HoldView> holds(Connection c, UUID tenant, Collection<UUID> holdIds)
      throws SQLException {
    Map<UUID, HoldView> out = new HashMap<>();
    if (holdIds.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "select "
                + HOLD_COLUMNS
                + " from ledger.hold h where h.tenant_id = ? and h.id = any(?)")) {
      ps.setObject(1, tenant);
      ps.setArray(2, Sql.uuids(c, holdIds));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          HoldView h = readHold(rs);
          out.put(h.id(), h);
        }
      }
    }
    return out;
  }

  /** Reads a hold row (columns as in {@link #HOLD_COLUMNS}). */
  static HoldView readHold(ResultSet rs) throws SQLException {
    return new HoldView(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getLong(3),
        rs.getLong(4),
        rs.getString(5),
        HoldStatus.valueOf(rs.getString(6)),
        new Merchant(
            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)),
        rs.getTimestamp(12).toInstant(),
        rs.getTimestamp(13).toInstant(),
        CardState.instant(rs.getTimestamp(14)));
  }

  /**
   * Reads the transactions refunds and reversals refer to, with what was refunded so far and
   * whether reversed.
   */
  static Map<UUID, OriginalTxn> originals(Connection c, UUID tenant, Collection<UUID> ids)
      throws SQLException {
    Map<UUID, OriginalTxn> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    String sql =
        "select t.id, t.card_id, t.type, t.amount_minor, t.merchant_name, t.merchant_mcc, t.merchant_country,"
            + " t.merchant_city, t.merchant_ref, (select coalesce(-sum(r.amount_minor), 0) from ledger.txn r"
            + " where r.tenant_id = t.tenant_id and r.original_txn_id = t.id and r.type = 'REFUND'),"
            + " exists (select 1 from ledger.txn r where r.tenant_id = t.tenant_id and r.original_txn_id = t.id"
            + " and r.type in ('FEE_REVERSAL', 'INTEREST_REVERSAL', 'PAYMENT_REVERSAL'))"
            + " from ledger.txn t where t.tenant_id = ? and t.id = any(?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, tenant);
      ps.setArray(2, Sql.uuids(c, ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getObject(1, UUID.class),
              new OriginalTxn(
                  rs.getObject(2, UUID.class),
                  TxnType.valueOf(rs.getString(3)),
                  rs.getLong(4),
                  new Merchant(
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getString(8),
                      rs.getString(9)),
                  rs.getLong(10),
                  rs.getBoolean(11)));
        }
      }
    }
    return out;
  }
}
