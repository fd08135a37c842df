package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.BalanceView;
import io.meshdesk.ledger.domain.Decline;
import io.meshdesk.ledger.domain.EntryHash;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.IdempotencyScope;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnView;
import io.meshdesk.platform.db.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Posts operations to the ledger, one or a batch per database transaction. Concurrency: each
 * transaction first claims its idempotency keys (in key order), then locks every card it touches
 * with {@code select ... for update} in card-id order, so two transactions never wait on each other
 * in opposite orders and nothing can pass a card's limit however many requests race. Idempotency: a
 * key seen before with the same request returns the original result; with a different request, an
 * IDEMPOTENCY_CONFLICT decline.
 */
public final class PostingEngine {

  /** Most operations in one batch. */
  public static final int MAX_BATCH = 1000;

  /** Most single operations on one card combined into one transaction. */
  static final int MAX_GROUP = 64;

  /**
   * Transactions of single operations one tenant may run at once in this process (a card always
   * uses the same lane).
   */
  static final int LANES = 4;

  private final Transactions transactions;
  private final Clock clock;
  private final CardLanes lanes = new CardLanes(this::postSingles, MAX_GROUP, LANES);

  public PostingEngine(Transactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Posts one operation. Concurrent operations on the same card are combined into one batch
   * transaction (see {@link CardLanes}); each still gets its own result. An operation naming a card
   * or hold the caller cannot see leaves nothing behind, not even its idempotency record (the
   * caller answers NOT_FOUND).
   *
   * @param holderRestriction when not null, only cards of this holder are visible (customers)
   */
  public OpResult post(UUID tenantId, UUID holderRestriction, PostingOp op) {
    UUID card =
        switch (op) {
          case PostingOp.Authorize a -> a.cardId();
          case PostingOp.Direct d -> d.cardId();
          case PostingOp.Reverse r -> r.cardId();
          default -> null;
        };
    if (card == null) {
      return postSingles(tenantId, holderRestriction, List.of(op)).getFirst();
    }
    return lanes.post(tenantId, holderRestriction, card, op);
  }

  /**
   * Posts operations in order in one transaction; each is accepted or declined on its own (an
   * unknown card or hold too: its decline is recorded under its key like any other).
   */
  public List<OpResult> postBatch(UUID tenantId, UUID holderRestriction, List<PostingOp> ops) {
    return post(tenantId, holderRestriction, ops, true);
  }

  /** Single operations grouped in one transaction: an unknown card or hold records nothing. */
  private List<OpResult> postSingles(UUID tenantId, UUID holderRestriction, List<PostingOp> ops) {
    return post(tenantId, holderRestriction, ops, false);
  }

  private List<OpResult> post(
      UUID tenantId, UUID holderRestriction, List<PostingOp> ops, boolean recordNotFound) {
    if (ops.isEmpty() || ops.size() > MAX_BATCH) {
      throw new IllegalArgumentException("a batch holds 1.." + MAX_BATCH + " operations");
    }
    return transactions.inTenant(
        tenantId, c -> run(c, tenantId, holderRestriction, ops, recordNotFound));
  }

  private List<OpResult> run(
      Connection c, UUID tenant, UUID holder, List<PostingOp> ops, boolean recordNotFound)
      throws SQLException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    int n = ops.size();
    String[] hashes = new String[n];
    Map<String, Integer> firstByKey = new HashMap<>();
    TreeMap<String, Integer> sortedKeys = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      PostingOp op = ops.get(i);
      hashes[i] = EntryHash.sha256(op.kind() + "|" + op.fingerprint());
      if (firstByKey.putIfAbsent(op.idempotencyKey(), i) == null) {
        sortedKeys.put(op.idempotencyKey(), i);
      }
    }
    List<String> keys = new ArrayList<>(sortedKeys.keySet());
    List<String> keyHashes = sortedKeys.values().stream().map(i -> hashes[i]).toList();
    List<String> kinds = sortedKeys.values().stream().map(i -> ops.get(i).kind()).toList();
    Set<String> fresh = PostingStore.claim(c, tenant, keys, keyHashes, kinds, now);

    OpResult[] results = new OpResult[n];
    List<Integer> work = new ArrayList<>();
    Set<java.util.UUID> cardIds = new HashSet<>();
    Set<java.util.UUID> holdIds = new HashSet<>();
    Set<java.util.UUID> originalIds = new HashSet<>();
    for (int i = 0; i < n; i++) {
      PostingOp op = ops.get(i);
      if (firstByKey.get(op.idempotencyKey()) != i || !fresh.contains(op.idempotencyKey())) {
        continue;
      }
      work.add(i);
      switch (op) {
        case PostingOp.Authorize a -> cardIds.add(a.cardId());
        case PostingOp.Capture cap -> holdIds.add(cap.holdId());
        case PostingOp.VoidHold v -> holdIds.add(v.holdId());
        case PostingOp.Direct d -> {
          cardIds.add(d.cardId());
          if (d.originalTxnId() != null) {
            originalIds.add(d.originalTxnId());
          }
        }
        case PostingOp.Reverse r -> {
          cardIds.add(r.cardId());
          originalIds.add(r.originalTxnId());
        }
      }
    }
    if (!work.isEmpty()) {
      Map<UUID, CardState> cards = PostingStore.lockCards(c, tenant, cardIds, holdIds);
      PostingStore.expireHolds(c, tenant, cards.values(), now);
      Map<UUID, HoldView> holds = PostingStore.holds(c, tenant, holdIds);
      Map<UUID, OriginalTxn> originals = PostingStore.originals(c, tenant, originalIds);
      WriteSet writes = new WriteSet(recordNotFound);
      PostingRules rules = new PostingRules(tenant, holder, now, cards, holds, originals, writes);
      for (int i : work) {
        results[i] = rules.apply(ops.get(i));
      }
      PostingWriter.write(c, tenant, now, writes, cards.values());
      PostingStore.release(c, tenant, writes.released);
    }
    resolveRepeats(c, tenant, holder, ops, hashes, firstByKey, fresh, results, now);
    return List.of(results);
  }

  /** Results of keys seen before (in an earlier request, or earlier in this batch). */
  private static void resolveRepeats(
      Connection c,
      UUID tenant,
      UUID holder,
      List<PostingOp> ops,
      String[] hashes,
      Map<String, Integer> firstByKey,
      Set<String> fresh,
      OpResult[] results,
      Instant now)
      throws SQLException {
    Set<String> old = new HashSet<>();
    for (PostingOp op : ops) {
      if (!fresh.contains(op.idempotencyKey())) {
        old.add(op.idempotencyKey());
      }
    }
    Map<String, PostingStore.Existing> existing =
        old.isEmpty() ? Map.of() : PostingStore.existing(c, tenant, old);
    Map<String, OpResult> replayCache = new LinkedHashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      if (results[i] != null) {
        continue;
      }
      String key = ops.get(i).idempotencyKey();
      int first = firstByKey.get(key);
      if (fresh.contains(key)) {
        results[i] = hashes[i].equals(hashes[first]) ? results[first].asReplay() : conflict(key);
        continue;
      }
      PostingStore.Existing e = existing.get(key);
      if (e == null || !e.requestHash().equals(hashes[i])) {
        results[i] = conflict(key);
        continue;
      }
      OpResult replay = replayCache.get(key);
      if (replay == null) {
        replay = rebuild(c, tenant, holder, e, now);
        replayCache.put(key, replay);
      }
      results[i] = replay;
    }
  }

  private static OpResult conflict(String key) {
    return OpResult.declined(
        Decline.IDEMPOTENCY_CONFLICT,
        "idempotency key '"
            + IdempotencyScope.clientKey(key)
            + "' was used with a different request",
        null);
  }

  private static OpResult rebuild(
      Connection c, UUID tenant, UUID holder, PostingStore.Existing e, Instant now)
      throws SQLException {
    BalanceView balance = null;
    if (e.cardId() != null) {
      balance = LedgerReadStore.balance(c, tenant, e.cardId(), now).orElse(null);
      if (holder != null
          && balance != null
          && !LedgerReadStore.card(c, tenant, e.cardId())
              .map(cs -> holder.equals(cs.holder()))
              .orElse(false)) {
        return OpResult.declined(Decline.CARD_NOT_FOUND, "no such card", null);
      }
    }
    if (!"ACCEPTED".equals(e.outcome())) {
      return new OpResult(
          false, Decline.valueOf(e.reason()), e.detail(), true, null, null, balance);
    }
    HoldView hold =
        e.holdId() == null ? null : LedgerReadStore.hold(c, tenant, e.holdId()).orElse(null);
    TxnView txn = e.txnId() == null ? null : LedgerReadStore.txn(c, tenant, e.txnId()).orElse(null);
    return new OpResult(true, null, "", true, hold, txn, balance);
  }
}
