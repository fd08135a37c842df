package io.meshdesk.ledger.payment;

import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** SQL of {@code ledger.pending_payment}. */
final class PendingPaymentStore {

  /** A row with the hash of the request that created it. */
  record Row(PendingPayment payment, String requestHash) {}

  private static final String COLUMNS =
      "id, card_id, amount_minor, currency, reference, status, created_at,"
          + " settled_at, transaction_id, request_hash";

  private PendingPaymentStore() {}

  /** Inserts an instruction unless its key exists; true when inserted. */
  static boolean insert(
      Connection c,
      UUID tenant,
      UUID id,
      UUID card,
      long amount,
      String currency,
      String reference,
      String key,
      String hash,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into ledger.pending_payment (tenant_id, id, card_id,"
                + " amount_minor, currency, reference, idempotency_key, request_hash, status, created_at)"
                + " values (?,?,?,?,?,?,?,?,'PENDING',?) on conflict (tenant_id, idempotency_key) do nothing")) {
      ps.setObject(1, tenant);
      ps.setObject(2, id);
      ps.setObject(3, card);
      ps.setLong(4, amount);
      ps.setString(5, currency);
      ps.setString(6, reference);
      ps.setString(7, key);
      ps.setString(8, hash);
      ps.setTimestamp(9, Sql.timestamp(now));
      return ps.executeUpdate() == 1;
    }
  }

  static Optional<Row> byId(Connection c, UUID tenant, UUID id, boolean lock) throws SQLException {
    return one(
        c,
        "select "
            + COLUMNS
            + " from ledger.pending_payment where tenant_id = ? and id = ?"
            + (lock ? " for update" : ""),
        tenant,
        id);
  }

  static Optional<Row> byKey(Connection c, UUID tenant, String key) throws SQLException {
    return one(
        c,
        "select "
            + COLUMNS
            + " from ledger.pending_payment where tenant_id = ? and idempotency_key = ?",
        tenant,
        key);
  }

  /** Moves a PENDING instruction to {@code status}. */
  static void transition(
      Connection c, UUID tenant, UUID id, PendingPayment.Status status, Instant now)
      throws SQLException {
    update(
        c,
        "update ledger.pending_payment set status = ?, settled_at = ? where tenant_id = ? and id = ?"
            + " and status = 'PENDING'",
        status.name(),
        Sql.timestamp(now),
        tenant,
        id);
  }

  static void linkTransaction(Connection c, UUID tenant, UUID id, UUID txn) throws SQLException {
    update(
        c,
        "update ledger.pending_payment set transaction_id = ? where tenant_id = ? and id = ?",
        txn,
        tenant,
        id);
  }

  /** Makes a settled instruction whose payment could not be posted pending again. */
  static void reopen(Connection c, UUID tenant, UUID id) throws SQLException {
    update(
        c,
        "update ledger.pending_payment set status = 'PENDING', settled_at = null where tenant_id = ? and id = ?"
            + " and status = 'SETTLED' and transaction_id is null",
        tenant,
        id);
  }

  static long[] pendingTotals(Connection c, UUID tenant, UUID card) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select coalesce(sum(amount_minor), 0), count(*)"
                + " from ledger.pending_payment where tenant_id = ? and card_id = ? and status = 'PENDING'")) {
      ps.setObject(1, tenant);
      ps.setObject(2, card);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private static void update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }

  private static Optional<Row> one(Connection c, String sql, UUID tenant, Object key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, tenant);
      ps.setObject(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Timestamp settled = rs.getTimestamp(8);
        return Optional.of(
            new Row(
                new PendingPayment(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5),
                    PendingPayment.Status.valueOf(rs.getString(6)),
                    rs.getTimestamp(7).toInstant(),
                    settled == null ? null : settled.toInstant(),
                    rs.getObject(9, UUID.class)),
                rs.getString(10)));
      }
    }
  }
}
