package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Combines concurrent single operations into batch transactions. Each tenant (and holder
 * restriction) has a fixed number of lanes; a card always maps to the same lane. Requests queue in
 * their lane; one request at a time leads it: it posts everything queued so far (up to a group
 * size) through the batch path, hands each request its own result, then passes the lead to the next
 * queued request. An uncontended request is a batch of one. Every transaction still locks its cards
 * in id order, so other processes stay correct; lanes only cut the round trips and row-lock
 * hand-offs per operation (a hot card's requests share one transaction instead of queueing on its
 * row lock). A failed transaction fails every request of its group (none of them was written).
 */
final class CardLanes {

  /** Posts a batch in one transaction. */
  interface BatchPoster {
    List<OpResult> post(UUID tenant, UUID holder, List<PostingOp> ops);
  }

  private record Key(UUID tenant, UUID holder, int lane) {}

  private static final class Waiter {
    final PostingOp op;
    final CompletableFuture<OpResult> result = new CompletableFuture<>();
    final CompletableFuture<Void> lead = new CompletableFuture<>();

    Waiter(PostingOp op) {
      this.op = op;
    }
  }

  private static final class Lane {
    final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    boolean led;
  }

  private final ConcurrentHashMap<Key, Lane> lanes = new ConcurrentHashMap<>();
  private final BatchPoster poster;
  private final int maxGroup;

  private final int lanesPerTenant;

  CardLanes(BatchPoster poster, int maxGroup, int lanesPerTenant) {
    this.poster = poster;
    this.maxGroup = maxGroup;
    this.lanesPerTenant = lanesPerTenant;
  }

  /** Posts {@code op} on {@code card}, alone or with others queued in the card's lane. */
  OpResult post(UUID tenant, UUID holder, UUID card, PostingOp op) {
    Key key = new Key(tenant, holder, Math.floorMod(card.hashCode(), lanesPerTenant));
    Waiter me = new Waiter(op);
    boolean[] lead = new boolean[1];
    lanes.compute(
        key,
        (k, lane) -> {
          Lane l = lane == null ? new Lane() : lane;
          l.queue.add(me);
          if (!l.led) {
            l.led = true;
            lead[0] = true;
          }
          return l;
        });
    if (!lead[0]) {
      CompletableFuture.anyOf(me.result, me.lead).exceptionally(e -> null).join();
    }
    if (!me.result.isDone()) {
      lead(key);
    }
    return await(me);
  }

  /** Requests waiting in all lanes (tests). */
  int queuedForTest() {
    int[] n = new int[1];
    for (Key k : lanes.keySet()) {
      lanes.computeIfPresent(
          k,
          (key, lane) -> {
            n[0] += lane.queue.size();
            return lane;
          });
    }
    return n[0];
  }

  private static OpResult await(Waiter w) {
    try {
      return w.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Posts one group (which holds the leader's own request), then passes the lead on. */
  private void lead(Key key) {
    List<Waiter> group = new ArrayList<>();
    lanes.compute(
        key,
        (k, lane) -> {
          while (group.size() < maxGroup && !lane.queue.isEmpty()) {
            group.add(lane.queue.poll());
          }
          return lane;
        });
    try {
      List<OpResult> results =
          poster.post(key.tenant(), key.holder(), group.stream().map(w -> w.op).toList());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).result.complete(results.get(i));
      }
    } catch (RuntimeException | Error e) {
      for (Waiter w : group) {
        w.result.completeExceptionally(e);
      }
    } finally {
      Waiter[] next = new Waiter[1];
      lanes.compute(
          key,
          (k, lane) -> {
            if (lane.queue.isEmpty()) {
              return null;
            }
            next[0] = lane.queue.peek();
            return lane;
          });
      if (next[0] != null) {
        next[0].lead.complete(null);
      }
    }
  }
}
