package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.EntryHash;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.JournalEntryView;
import io.meshdesk.ledger.domain.PostingView;
import io.meshdesk.ledger.domain.TxnView;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes a {@link WriteSet} and the changed cards in ONE statement: data-modifying CTEs insert the
 * transactions, journal entries and postings, upsert the holds, update the cards and settle the
 * idempotency records. Its shape never changes, so the driver prepares it once per connection. The
 * two updates also name their keys with {@code = any(...)}, so the rows are found through the
 * primary key whatever the join order the planner picks (without it, a plan made before the table
 * had statistics hash-joined against every row of the tenant: O(table) per call).
 */
final class PostingWriter {

  private static final String SQL =
      """
      with t as (
        insert into ledger.txn (tenant_id, id, card_id, type, amount_minor, currency, merchant_name, merchant_mcc,
            merchant_country, merchant_city, merchant_ref, hold_id, original_txn_id, fee_type, description, reference,
            idempotency_key, journal_entry_id, posted_at, posted_date)
        select ?1, u.id, u.card, u.type, u.amount, u.cur, u.mn, u.mm, u.mc, u.mci, u.mr, u.hold, u.orig, u.fee,
            u.descr, u.ref, u.k, u.entry, u.pa::timestamptz, u.pd::date
        from unnest(?::uuid[], ?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
            ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[],
            ?::text[], ?::text[])
          as u(id, card, type, amount, cur, mn, mm, mc, mci, mr, hold, orig, fee, descr, ref, k, entry, pa, pd)),
      e as (
        insert into ledger.journal_entry (tenant_id, id, card_id, sequence, transaction_id, posted_at, hash,
            previous_hash, hash_version)
        select ?1, u.id, u.card, u.seq, u.txn, u.pa::timestamptz, u.h, u.ph, {hash_version}
        from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::uuid[], ?::text[], ?::text[], ?::text[])
          as u(id, card, seq, txn, pa, h, ph)),
      p as (
        insert into ledger.posting (tenant_id, entry_id, leg, account, amount_minor, currency)
        select ?1, u.entry, u.leg, u.acct, u.amount, u.cur
        from unnest(?::uuid[], ?::int[], ?::text[], ?::bigint[], ?::text[]) as u(entry, leg, acct, amount, cur)),
      h as (
        insert into ledger.hold (tenant_id, id, card_id, amount_minor, captured_minor, currency, status,
            merchant_name, merchant_mcc, merchant_country, merchant_city, merchant_ref, idempotency_key, created_at,
            expires_at, finalized_at)
        select ?1, u.id, u.card, u.amount, u.cap, u.cur, u.st, u.mn, u.mm, u.mc, u.mci, u.mr, u.k,
            u.ca::timestamptz, u.ea::timestamptz, u.fa::timestamptz
        from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
          as u(id, card, amount, cap, cur, st, mn, mm, mc, mci, mr, k, ca, ea, fa)
        on conflict (tenant_id, id) do update set status = excluded.status, captured_minor = excluded.captured_minor,
            finalized_at = excluded.finalized_at),
      c as (
        update ledger.card c set balance_minor = u.bal, open_holds_minor = u.holds, open_hold_count = u.n,
            next_hold_expiry = u.nx::timestamptz, last_sequence = u.seq, last_hash = u.lh,
            paid_since_statement_minor = u.paid, updated_at = ?2
        from unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::text[], ?::bigint[])
          as u(id, bal, holds, n, nx, seq, lh, paid)
        where c.tenant_id = ?1 and c.id = any(?::uuid[]) and c.id = u.id)
      update ledger.operation o set outcome = u.o, decline_reason = u.r, decline_detail = u.d, card_id = u.card,
          hold_id = u.hold, transaction_id = u.txn
      from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::uuid[])
        as u(k, o, r, d, card, hold, txn)
      where o.tenant_id = ?1 and o.idempotency_key = any(?::text[]) and o.idempotency_key = u.k
      """;

  private PostingWriter() {}

  /** Writes everything; cards not marked dirty are left alone. */
  static void write(Connection c, UUID tenant, Instant now, WriteSet w, Collection<CardState> cards)
      throws SQLException {
    List<CardState> dirty = cards.stream().filter(cs -> cs.dirty).toList();
    List<PostingView> legs = new ArrayList<>();
    List<UUID> legEntries = new ArrayList<>();
    List<Integer> legNumbers = new ArrayList<>();
    for (JournalEntryView e : w.entries) {
      for (int i = 0; i < e.postings().size(); i++) {
        legs.add(e.postings().get(i));
        legEntries.add(e.id());
        legNumbers.add(i + 1);
      }
    }
    List<HoldView> holds = List.copyOf(w.holds.values());
    String sql =
        SQL.replace("?1", "?::uuid")
            .replace("?2", "?::timestamptz")
            .replace("{hash_version}", Integer.toString(EntryHash.VERSION));
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Binder b = new Binder(c, ps);
      b.uuid(tenant);
      b.uuids(map(w.txns, TxnView::id))
          .uuids(map(w.txns, TxnView::cardId))
          .texts(map(w.txns, t -> t.type().name()))
          .longs(map(w.txns, TxnView::amountMinor))
          .texts(map(w.txns, TxnView::currency))
          .texts(map(w.txns, t -> t.merchant().name()))
          .texts(map(w.txns, t -> t.merchant().mcc()))
          .texts(map(w.txns, t -> t.merchant().country()))
          .texts(map(w.txns, t -> t.merchant().city()))
          .texts(map(w.txns, t -> t.merchant().merchantId()))
          .uuids(map(w.txns, TxnView::holdId))
          .uuids(map(w.txns, TxnView::originalTxnId))
          .texts(map(w.txns, TxnView::feeType))
          .texts(map(w.txns, TxnView::description))
          .texts(map(w.txns, TxnView::reference))
          .texts(map(w.txns, TxnView::idempotencyKey))
          .uuids(map(w.txns, TxnView::journalEntryId))
          .texts(map(w.txns, t -> t.postedAt().toString()))
          .texts(map(w.txns, t -> t.postedDate().toString()));
      b.uuid(tenant);
      b.uuids(map(w.entries, JournalEntryView::id))
          .uuids(map(w.entries, JournalEntryView::cardId))
          .longs(map(w.entries, JournalEntryView::sequence))
          .uuids(map(w.entries, JournalEntryView::transactionId))
          .texts(map(w.entries, e -> e.postedAt().toString()))
          .texts(map(w.entries, JournalEntryView::hash))
          .texts(map(w.entries, JournalEntryView::previousHash));
      b.uuid(tenant);
      b.uuids(legEntries)
          .ints(legNumbers)
          .texts(map(legs, PostingView::account))
          .longs(map(legs, PostingView::amountMinor))
          .texts(map(legs, PostingView::currency));
      b.uuid(tenant);
      b.uuids(map(holds, HoldView::id))
          .uuids(map(holds, HoldView::cardId))
          .longs(map(holds, HoldView::amountMinor))
          .longs(map(holds, HoldView::capturedMinor))
          .texts(map(holds, HoldView::currency))
          .texts(map(holds, h -> h.status().name()))
          .texts(map(holds, h -> h.merchant().name()))
          .texts(map(holds, h -> h.merchant().mcc()))
          .texts(map(holds, h -> h.merchant().country()))
          .texts(map(holds, h -> h.merchant().city()))
          .texts(map(holds, h -> h.merchant().merchantId()))
          .texts(map(holds, h -> w.holdKeys.getOrDefault(h.id(), "")))
          .texts(map(holds, h -> h.createdAt().toString()))
          .texts(map(holds, h -> h.expiresAt().toString()))
          .texts(map(holds, h -> Sql.text(h.finalizedAt())));
      b.timestamp(now);
      b.uuids(map(dirty, cs -> cs.id))
          .longs(map(dirty, cs -> cs.balance))
          .longs(map(dirty, cs -> cs.openHolds))
          .ints(map(dirty, cs -> cs.openHoldCount))
          .texts(map(dirty, cs -> Sql.text(cs.nextHoldExpiry)))
          .longs(map(dirty, cs -> cs.lastSequence))
          .texts(map(dirty, cs -> cs.lastHash))
          .longs(map(dirty, cs -> cs.paidSinceStatement));
      b.uuid(tenant);
      b.uuids(map(dirty, cs -> cs.id));
      b.texts(map(w.ops, WriteSet.OpRecord::key))
          .texts(map(w.ops, o -> o.accepted() ? "ACCEPTED" : "DECLINED"))
          .texts(map(w.ops, o -> o.decline() == null ? null : o.decline().name()))
          .texts(map(w.ops, WriteSet.OpRecord::detail))
          .uuids(map(w.ops, WriteSet.OpRecord::cardId))
          .uuids(map(w.ops, WriteSet.OpRecord::holdId))
          .uuids(map(w.ops, WriteSet.OpRecord::txnId));
      b.uuid(tenant);
      b.texts(map(w.ops, WriteSet.OpRecord::key));
      ps.executeUpdate();
    }
  }

  private static <T, R> List<R> map(List<T> items, Function<T, R> f) {
    List<R> out = new ArrayList<>(items.size());
    for (T item : items) {
      out.add(f.apply(item));
    }
    return out;
  }

  /** Binds parameters in order. */
  private static final class Binder {
    private final Connection c;
    private final PreparedStatement ps;
    private int i = 1;

    Binder(Connection c, PreparedStatement ps) {
      this.c = c;
      this.ps = ps;
    }

    Binder uuid(UUID v) throws SQLException {
      ps.setString(i++, v.toString());
      return this;
    }

    Binder timestamp(Instant v) throws SQLException {
      ps.setString(i++, v.toString());
      return this;
    }

    Binder uuids(List<UUID> v) throws SQLException {
      ps.setArray(i++, Sql.uuids(c, v));
      return this;
    }

    Binder texts(List<String> v) throws SQLException {
      ps.setArray(i++, Sql.texts(c, v));
      return this;
    }

    Binder longs(List<Long> v) throws SQLException {
      ps.setArray(i++, Sql.longs(c, v));
      return this;
    }

    Binder ints(List<Integer> v) throws SQLException {
      ps.setArray(i++, Sql.ints(c, v));
      return this;
    }
  }
}
