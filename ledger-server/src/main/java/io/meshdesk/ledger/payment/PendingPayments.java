package io.meshdesk.ledger.payment;

import io.meshdesk.ledger.domain.BalanceView;
import io.meshdesk.ledger.domain.EntryHash;
import io.meshdesk.ledger.domain.IdempotencyScope;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.posting.CardState;
import io.meshdesk.ledger.posting.LedgerReadStore;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.NotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Customers' payment instructions. A customer cannot prove that money arrived, so their Payment
 * creates a PENDING instruction that changes nothing on the card: not the balance, the available
 * credit or the minimum payment. Settlement (by an admin or a service account with {@code
 * ledger.settle}) posts it as a PAYMENT transaction; a returned instruction is cancelled and posts
 * nothing.
 */
public final class PendingPayments {

  /** An instruction was recorded, or an identical earlier one replayed. */
  public record Instructed(PendingPayment payment, boolean replayed, BalanceView balance) {}

  /** A settlement applied, or repeated; {@code posting} is the PAYMENT's result when settled. */
  public record Settled(
      PendingPayment payment, boolean replayed, OpResult posting, BalanceView balance) {}

  private final Transactions transactions;
  private final PostingEngine postings;
  private final Clock clock;

  public PendingPayments(Transactions transactions, PostingEngine postings, Clock clock) {
    this.transactions = transactions;
    this.postings = postings;
    this.clock = clock;
  }

  /**
   * Records a customer's payment instruction on their own card. Idempotent on {@code scopedKey}:
   * the same request replays the first instruction, another request fails with
   * IDEMPOTENCY_CONFLICT.
   *
   * @param holder the customer; another holder's card is not found
   */
  public Instructed instruct(
      UUID tenant,
      UUID holder,
      UUID cardId,
      long amountMinor,
      String currency,
      String reference,
      String scopedKey) {
    Instant now = now();
    String hash = EntryHash.sha256(cardId + "|" + amountMinor + "|" + currency + "|" + reference);
    return transactions.inTenant(
        tenant,
        c -> {
          CardState card =
              LedgerReadStore.card(c, tenant, cardId)
                  .filter(cs -> holder.equals(cs.holder()))
                  .orElseThrow(() -> new NotFoundException("no such card"));
          if (!card.currency().equals(currency)) {
            throw new FailedPreconditionException(
                "CURRENCY_MISMATCH", "amount must be in the card currency " + card.currency());
          }
          UUID id = UUID.randomUUID();
          boolean fresh =
              PendingPaymentStore.insert(
                  c, tenant, id, cardId, amountMinor, currency, reference, scopedKey, hash, now);
          PendingPaymentStore.Row row =
              fresh
                  ? PendingPaymentStore.byId(c, tenant, id, false).orElseThrow()
                  : PendingPaymentStore.byKey(c, tenant, scopedKey).orElseThrow();
          if (!fresh && !row.requestHash().equals(hash)) {
            throw new FailedPreconditionException(
                "IDEMPOTENCY_CONFLICT",
                "idempotency key '"
                    + IdempotencyScope.clientKey(scopedKey)
                    + "' was used with a different request");
          }
          return new Instructed(row.payment(), !fresh, balance(c, tenant, cardId, now));
        });
  }

  /**
   * Settles an instruction: SETTLED posts the payment, RETURNED cancels it. Asking again for the
   * outcome it already has answers the same (replayed); asking for the other fails with
   * PAYMENT_NOT_PENDING.
   */
  public Settled settle(UUID tenant, UUID id, PendingPayment.Status outcome) {
    if (outcome == PendingPayment.Status.PENDING) {
      throw new IllegalArgumentException("outcome must be SETTLED or RETURNED");
    }
    Instant now = now();
    PendingPaymentStore.Row row =
        transactions.inTenant(
            tenant,
            c -> {
              PendingPaymentStore.Row r =
                  PendingPaymentStore.byId(c, tenant, id, true)
                      .orElseThrow(() -> new NotFoundException("no such pending payment"));
              PendingPayment.Status status = r.payment().status();
              if (status == PendingPayment.Status.PENDING) {
                PendingPaymentStore.transition(c, tenant, id, outcome, now);
              } else if (status != outcome) {
                throw new FailedPreconditionException(
                    "PAYMENT_NOT_PENDING", "payment is already " + status);
              }
              return r;
            });
    boolean wasFinal = row.payment().status() != PendingPayment.Status.PENDING;
    OpResult posting =
        outcome == PendingPayment.Status.SETTLED ? post(tenant, row.payment()) : null;
    boolean replayed = wasFinal && (posting == null || posting.replayed());
    UUID card = row.payment().cardId();
    return transactions.inTenant(
        tenant,
        c ->
            new Settled(
                PendingPaymentStore.byId(c, tenant, id, false).orElseThrow().payment(),
                replayed,
                posting,
                balance(c, tenant, card, now)));
  }

  /**
   * Posts a settled instruction as a PAYMENT under a key only settlement uses; a decline makes it
   * pending again.
   */
  private OpResult post(UUID tenant, PendingPayment p) {
    OpResult r =
        postings.post(
            tenant,
            null,
            new PostingOp.Direct(
                TxnType.PAYMENT,
                p.cardId(),
                p.amountMinor(),
                p.currency(),
                Merchant.NONE,
                null,
                "",
                "",
                p.reference(),
                "settle:" + p.id()));
    transactions.inTenant(
        tenant,
        c -> {
          if (r.accepted()) {
            PendingPaymentStore.linkTransaction(c, tenant, p.id(), r.txn().id());
          } else {
            PendingPaymentStore.reopen(c, tenant, p.id());
          }
          return null;
        });
    if (!r.accepted()) {
      throw new FailedPreconditionException(r.decline().name(), r.detail());
    }
    return r;
  }

  /** Sum and count of a card's instructions still pending. */
  public long[] pendingTotals(UUID tenant, UUID cardId) {
    return transactions.inTenant(tenant, c -> PendingPaymentStore.pendingTotals(c, tenant, cardId));
  }

  private BalanceView balance(Connection c, UUID tenant, UUID cardId, Instant now)
      throws SQLException {
    return LedgerReadStore.balance(c, tenant, cardId, now).orElseThrow();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
