package io.meshdesk.ledger.audit;

import io.meshdesk.ledger.audit.AuditListener.Phase;
import io.meshdesk.ledger.audit.AuditReport.Kind;
import io.meshdesk.ledger.domain.EntryHash;
import io.meshdesk.ledger.domain.PostingView;
import io.meshdesk.ledger.domain.TxnView;
import io.meshdesk.ledger.posting.LedgerReadStore;
import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.UnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Checks the ledger's invariants for a tenant (or one card) in one repeatable-read snapshot: every
 * entry balances, every chain hashes and links, stored balances and hold totals equal what the
 * journal and holds say, no card over its limit, holds consistent with their captures, currencies
 * consistent, statements equal to their lines and chained, idempotency keys unique, reversals
 * mirroring their originals and none reversed twice.
 */
public final class AuditService {

  private final DataSource dataSource;
  private final Clock clock;

  public AuditService(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * Audits the tenant's ledger.
   *
   * @param cardId only this card, or null for all
   * @param maxViolations how many violations to list (all are counted)
   */
  public AuditReport audit(UUID tenant, UUID cardId, int maxViolations) {
    return audit(tenant, cardId, maxViolations, AuditListener.NONE);
  }

  /**
   * Audits the tenant's ledger, telling {@code listener} how far it has got.
   *
   * @param cardId only this card, or null for all
   * @param maxViolations how many violations to list (all are counted)
   * @throws AuditCancelledException when the listener cancels the audit
   */
  public AuditReport audit(UUID tenant, UUID cardId, int maxViolations, AuditListener listener) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        Transactions.setTenant(c, tenant);
        return run(c, cardId, maxViolations, listener, started, t0);
      } finally {
        c.rollback();
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      }
    } catch (SQLTransientConnectionException e) {
      throw new UnavailableException("database unavailable: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  private AuditReport run(
      Connection c,
      UUID cardId,
      int maxViolations,
      AuditListener listener,
      Instant started,
      long t0)
      throws SQLException {
    ViolationCollector v = new ViolationCollector(maxViolations);
    String card = cardId == null ? "" : " and c.id = '" + cardId + "'";
    String entryCard = cardId == null ? "" : " and e.card_id = '" + cardId + "'";
    long cards = AuditStore.count(c, "select count(*) from ledger.card c where true" + card);
    AuditTracker tracker = new AuditTracker(listener, v, cards);
    tracker.begin(Phase.HASH_CHAINS);
    hashChains(c, entryCard, v, tracker);
    tracker.begin(Phase.ENTRIES);
    long postings =
        AuditStore.count(
            c,
            "select count(*) from ledger.posting p join ledger.journal_entry e"
                + " on e.tenant_id = p.tenant_id and e.id = p.entry_id where true"
                + entryCard);
    AuditStore.run(
        c,
        Kind.UNBALANCED_ENTRY,
        "journal_entry",
        "select e.id, 'postings sum to ' ||"
            + " coalesce(sum(p.amount_minor), 0) || ' over ' || count(p.leg) || ' legs' from ledger.journal_entry e"
            + " left join ledger.posting p on p.tenant_id = e.tenant_id and p.entry_id = e.id where true"
            + entryCard
            + " group by e.id having coalesce(sum(p.amount_minor), 0) <> 0 or count(p.leg) < 2",
        v);
    AuditStore.run(
        c,
        Kind.ORPHAN_TRANSACTION,
        "transaction",
        "select t.id, 'transaction has no journal entry'"
            + " from ledger.txn t join ledger.card c on c.tenant_id = t.tenant_id and c.id = t.card_id"
            + " left join ledger.journal_entry e on e.tenant_id = t.tenant_id and e.id = t.journal_entry_id"
            + " where (e.id is null or e.transaction_id <> t.id)"
            + card,
        v);
    tracker.begin(Phase.CARDS);
    AuditStore.cards(c, card, v);
    tracker.begin(Phase.HOLDS);
    AuditStore.holds(c, card, v);
    long holds =
        AuditStore.count(
            c,
            "select count(*) from ledger.hold h join ledger.card c on c.tenant_id ="
                + " h.tenant_id and c.id = h.card_id where true"
                + card);
    tracker.begin(Phase.REVERSALS);
    AuditStore.reversals(c, card, v);
    tracker.begin(Phase.CURRENCIES);
    AuditStore.currencies(c, card, v);
    tracker.begin(Phase.STATEMENTS);
    AuditStore.statements(c, card, v);
    long statements =
        AuditStore.count(
            c,
            "select count(*) from ledger.statement s join ledger.card c on"
                + " c.tenant_id = s.tenant_id and c.id = s.card_id where true"
                + card);
    tracker.begin(Phase.IDEMPOTENCY_KEYS);
    AuditStore.run(
        c,
        Kind.DUPLICATE_IDEMPOTENCY_KEY,
        "transaction",
        "select min(t.id::text), 'key ' ||"
            + " t.idempotency_key || ' on ' || count(*) || ' transactions' from ledger.txn t join ledger.card c"
            + " on c.tenant_id = t.tenant_id and c.id = t.card_id where true"
            + card
            + " group by t.idempotency_key having count(*) > 1",
        v);
    return new AuditReport(
        cards,
        tracker.entries(),
        postings,
        holds,
        statements,
        v.count,
        List.copyOf(v.listed),
        started,
        Duration.ofNanos(System.nanoTime() - t0));
  }

  /**
   * Recomputes every entry's hash (in its version) and checks the links and the cards' chain heads.
   */
  private static void hashChains(
      Connection c, String entryCard, ViolationCollector v, AuditTracker tracker)
      throws SQLException {
    String sql =
        "select e.id, e.card_id, e.sequence, e.transaction_id, e.posted_at, e.hash, e.previous_hash,"
            + " e.hash_version, e.tenant_id, array_agg(p.account order by p.leg), array_agg(p.amount_minor order by p.leg),"
            + " array_agg(p.currency order by p.leg), t.id is not null, "
            + LedgerReadStore.TXN_CONTENT
            + " from ledger.journal_entry e left join ledger.txn t on t.tenant_id = e.tenant_id and t.id = e.transaction_id"
            + " left join ledger.posting p on p.tenant_id = e.tenant_id and p.entry_id = e.id where true"
            + entryCard
            + " group by e.tenant_id, e.id, t.tenant_id, t.id order by e.card_id, e.sequence";
    UUID currentCard = null;
    long expectSeq = 1;
    String expectPrev = EntryHash.GENESIS;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(5000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tracker.entryWalked();
          UUID id = rs.getObject(1, UUID.class);
          UUID cardId = rs.getObject(2, UUID.class);
          if (!cardId.equals(currentCard)) {
            if (currentCard != null) {
              tracker.cardWalked();
            }
            currentCard = cardId;
            expectSeq = 1;
            expectPrev = EntryHash.GENESIS;
          }
          long seq = rs.getLong(3);
          String hash = rs.getString(6);
          String prev = rs.getString(7);
          if (seq != expectSeq || !prev.equals(expectPrev)) {
            v.add(
                Kind.BROKEN_CHAIN,
                "journal_entry",
                id,
                "sequence "
                    + seq
                    + " (expected "
                    + expectSeq
                    + ") links to "
                    + prev.substring(0, 12)
                    + "…, expected "
                    + expectPrev.substring(0, 12)
                    + "…");
          }
          if (!rs.getBoolean(13)) {
            v.add(Kind.HASH_MISMATCH, "journal_entry", id, "its transaction is missing");
          } else {
            TxnView txn = LedgerReadStore.readTxnContent(rs, 14);
            if (!txn.cardId().equals(cardId)
                || !id.equals(txn.journalEntryId())
                || !txn.postedAt().equals(rs.getTimestamp(5).toInstant())) {
              v.add(
                  Kind.HASH_MISMATCH,
                  "journal_entry",
                  id,
                  "entry and its transaction "
                      + txn.id()
                      + " disagree on card, entry or posting time");
            }
            String recomputed = recompute(rs, txn, id, cardId, seq, prev);
            if (!recomputed.equals(hash)) {
              v.add(
                  Kind.HASH_MISMATCH,
                  "journal_entry",
                  id,
                  "stored hash "
                      + hash.substring(0, 12)
                      + "… but content hashes to "
                      + recomputed.substring(0, 12)
                      + "…");
            }
          }
          expectSeq = seq + 1;
          expectPrev = hash;
        }
      }
    }
    if (currentCard != null) {
      tracker.cardWalked();
    }
    tracker.walkDone();
  }

  private static String recompute(
      ResultSet rs, TxnView txn, UUID id, UUID cardId, long seq, String prev) throws SQLException {
    String[] accounts = (String[]) rs.getArray(10).getArray();
    Long[] amounts = (Long[]) rs.getArray(11).getArray();
    String[] currencies = (String[]) rs.getArray(12).getArray();
    List<PostingView> legs = new ArrayList<>();
    for (int i = 0; i < accounts.length; i++) {
      if (accounts[i] != null) {
        legs.add(new PostingView(accounts[i], amounts[i], currencies[i]));
      }
    }
    UUID tenant = rs.getObject(9, UUID.class);
    if (rs.getInt(8) == 1) {
      return EntryHash.v1(
          tenant,
          id,
          cardId,
          seq,
          rs.getObject(4, UUID.class),
          rs.getTimestamp(5).toInstant(),
          txn.type(),
          txn.amountMinor(),
          legs,
          prev);
    }
    return EntryHash.of(tenant, id, seq, txn, legs, prev);
  }
}
