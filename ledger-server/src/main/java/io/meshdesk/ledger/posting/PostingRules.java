package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.CardStatus;
import io.meshdesk.ledger.domain.Decline;
import io.meshdesk.ledger.domain.EntryHash;
import io.meshdesk.ledger.domain.HoldStatus;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.JournalEntryView;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.PostingView;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.TxnView;
import io.meshdesk.ledger.statement.BillingCycle;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger's posting rules applied to locked cards in memory: status, currency, available credit,
 * hold life cycle, refund bounds, overflow. Each accepted operation becomes one balanced journal
 * entry chained to the card's previous one; a declined one changes nothing but its record.
 */
final class PostingRules {

  /** Largest single amount accepted (10^15 minor units), far from long overflow. */
  static final long MAX_AMOUNT = 1_000_000_000_000_000L;

  /** Hold lifetime when the request names none. */
  static final Duration DEFAULT_HOLD = Duration.ofDays(7);

  private final UUID tenantId;
  private final UUID holderRestriction;
  private final Instant now;
  private final LocalDate today;
  private final Map<UUID, CardState> cards;
  private final Map<UUID, HoldView> holds;
  private final Map<UUID, OriginalTxn> originals;
  private final WriteSet writes;

  PostingRules(
      UUID tenantId,
      UUID holderRestriction,
      Instant now,
      Map<UUID, CardState> cards,
      Map<UUID, HoldView> holds,
      Map<UUID, OriginalTxn> originals,
      WriteSet writes) {
    this.tenantId = tenantId;
    this.holderRestriction = holderRestriction;
    this.now = now;
    this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    this.cards = cards;
    this.holds = holds;
    this.originals = originals;
    this.writes = writes;
  }

  /** Applies one operation and records its outcome under its key. */
  OpResult apply(PostingOp op) {
    OpResult result =
        switch (op) {
          case PostingOp.Authorize a -> authorize(a);
          case PostingOp.Capture c -> capture(c);
          case PostingOp.VoidHold v -> voidHold(v);
          case PostingOp.Direct d -> direct(d);
          case PostingOp.Reverse r -> reverse(r);
        };
    if (!writes.recordNotFound && !result.accepted() && result.decline().isNotFound()) {
      writes.released.add(op.idempotencyKey());
      return result;
    }
    UUID cardId = result.balance() == null ? null : result.balance().cardId();
    writes.ops.add(
        new WriteSet.OpRecord(
            op.idempotencyKey(),
            result.accepted(),
            result.decline(),
            result.detail(),
            cardId,
            result.hold() == null ? null : result.hold().id(),
            result.txn() == null ? null : result.txn().id()));
    return result;
  }

  private OpResult authorize(PostingOp.Authorize a) {
    CardState card = visibleCard(a.cardId());
    if (card == null) {
      return OpResult.declined(Decline.CARD_NOT_FOUND, "no card " + a.cardId(), null);
    }
    OpResult refused = spendingRefusal(card, a.amountMinor(), a.currency());
    if (refused != null) {
      return refused;
    }
    Instant expires = now.plus(a.expiresIn() == null ? DEFAULT_HOLD : a.expiresIn());
    HoldView hold =
        new HoldView(
            UUID.randomUUID(),
            card.id,
            a.amountMinor(),
            0,
            card.currency,
            HoldStatus.OPEN,
            a.merchant(),
            now,
            expires,
            null);
    card.openHolds += a.amountMinor();
    card.openHoldCount++;
    card.nextHoldExpiry =
        card.nextHoldExpiry == null || expires.isBefore(card.nextHoldExpiry)
            ? expires
            : card.nextHoldExpiry;
    card.dirty = true;
    holds.put(hold.id(), hold);
    writes.holds.put(hold.id(), hold);
    writes.holdKeys.put(hold.id(), a.idempotencyKey());
    return new OpResult(true, null, "", false, hold, null, card.balance(now));
  }

  private OpResult capture(PostingOp.Capture c) {
    HoldView hold = holds.get(c.holdId());
    CardState card = hold == null ? null : visibleCard(hold.cardId());
    if (card == null) {
      return OpResult.declined(Decline.HOLD_NOT_FOUND, "no hold " + c.holdId(), null);
    }
    OpResult final_ = holdFinal(hold, card);
    if (final_ != null) {
      return final_;
    }
    if (card.status == CardStatus.CLOSED) {
      return OpResult.declined(Decline.CARD_CLOSED, "card is closed", card.balance(now));
    }
    long amount = c.amountMinor() == null ? hold.amountMinor() : c.amountMinor();
    if (c.currency() != null && !c.currency().equals(card.currency)) {
      return OpResult.declined(
          Decline.CURRENCY_MISMATCH, "card currency is " + card.currency, card.balance(now));
    }
    if (amount > hold.amountMinor()) {
      return OpResult.declined(
          Decline.AMOUNT_EXCEEDS_HOLD,
          "capture " + amount + " exceeds hold " + hold.amountMinor(),
          card.balance(now));
    }
    releaseHold(card, hold);
    TxnView txn =
        post(
            card,
            TxnType.PURCHASE,
            amount,
            hold.merchant(),
            hold.id(),
            null,
            "",
            "",
            c.idempotencyKey());
    HoldView captured =
        new HoldView(
            hold.id(),
            hold.cardId(),
            hold.amountMinor(),
            amount,
            hold.currency(),
            HoldStatus.CAPTURED,
            hold.merchant(),
            hold.createdAt(),
            hold.expiresAt(),
            now);
    holds.put(hold.id(), captured);
    writes.holds.put(hold.id(), captured);
    return new OpResult(true, null, "", false, captured, txn, card.balance(now));
  }

  private OpResult voidHold(PostingOp.VoidHold v) {
    HoldView hold = holds.get(v.holdId());
    CardState card = hold == null ? null : visibleCard(hold.cardId());
    if (card == null) {
      return OpResult.declined(Decline.HOLD_NOT_FOUND, "no hold " + v.holdId(), null);
    }
    OpResult final_ = holdFinal(hold, card);
    if (final_ != null) {
      return final_;
    }
    releaseHold(card, hold);
    HoldView voided =
        new HoldView(
            hold.id(),
            hold.cardId(),
            hold.amountMinor(),
            0,
            hold.currency(),
            HoldStatus.VOIDED,
            hold.merchant(),
            hold.createdAt(),
            hold.expiresAt(),
            now);
    holds.put(hold.id(), voided);
    writes.holds.put(hold.id(), voided);
    return new OpResult(true, null, "", false, voided, null, card.balance(now));
  }

  private OpResult direct(PostingOp.Direct d) {
    CardState card = visibleCard(d.cardId());
    if (card == null) {
      return OpResult.declined(Decline.CARD_NOT_FOUND, "no card " + d.cardId(), null);
    }
    Merchant merchant = d.merchant() == null ? Merchant.NONE : d.merchant();
    switch (d.type()) {
      case PURCHASE, CASH_ADVANCE -> {
        OpResult refused = spendingRefusal(card, d.amountMinor(), d.currency());
        if (refused != null) {
          return refused;
        }
      }
      case FEE, INTEREST -> {
        if (card.status == CardStatus.CLOSED) {
          return OpResult.declined(Decline.CARD_CLOSED, "card is closed", card.balance(now));
        }
      }
      case PAYMENT, REFUND -> {}
    }
    OpResult refused = amountRefusal(card, d.amountMinor(), d.currency());
    if (refused != null) {
      return refused;
    }
    if (d.type() == TxnType.REFUND && d.originalTxnId() != null) {
      OriginalTxn original = originals.get(d.originalTxnId());
      if (original == null
          || original.type != TxnType.PURCHASE
          || !original.cardId.equals(card.id)) {
        return OpResult.declined(
            Decline.ORIGINAL_TRANSACTION_NOT_FOUND,
            "no purchase " + d.originalTxnId() + " on this card",
            card.balance(now));
      }
      if (original.refunded + d.amountMinor() > original.amount) {
        return OpResult.declined(
            Decline.REFUND_EXCEEDS_ORIGINAL,
            "refunds would exceed the purchase of "
                + original.amount
                + " (already refunded "
                + original.refunded
                + ")",
            card.balance(now));
      }
      original.refunded += d.amountMinor();
      merchant = merchant.isEmpty() ? original.merchant : merchant;
    }
    if (d.type() == TxnType.PAYMENT) {
      card.paidSinceStatement += d.amountMinor();
    }
    TxnView txn =
        post(
            card,
            d.type(),
            d.amountMinor(),
            merchant,
            null,
            d.originalTxnId(),
            d.feeType(),
            d.description().isEmpty()
                ? defaultDescription(d.type(), merchant, d.feeType())
                : d.description(),
            d.idempotencyKey(),
            d.reference());
    return new OpResult(true, null, "", false, null, txn, card.balance(now));
  }

  /**
   * Reverses a fee, interest or payment of the card in full: a new entry whose legs mirror the
   * original's. Any card state; a returned payment may pass the limit (it restores what was owed)
   * and no longer counts as paid toward the minimum.
   */
  private OpResult reverse(PostingOp.Reverse r) {
    CardState card = visibleCard(r.cardId());
    if (card == null) {
      return OpResult.declined(Decline.CARD_NOT_FOUND, "no card " + r.cardId(), null);
    }
    OriginalTxn original = originals.get(r.originalTxnId());
    if (original == null || !original.cardId.equals(card.id)) {
      return OpResult.declined(
          Decline.ORIGINAL_TRANSACTION_NOT_FOUND,
          "no transaction " + r.originalTxnId() + " on this card",
          card.balance(now));
    }
    TxnType type = original.type.reversal();
    if (type == null) {
      return OpResult.declined(
          Decline.NOT_REVERSIBLE,
          original.type
              + " transactions are not reversible"
              + (original.type == TxnType.PURCHASE ? " (refund a purchase instead)" : ""),
          card.balance(now));
    }
    if (original.reversed) {
      return OpResult.declined(
          Decline.ALREADY_REVERSED,
          "transaction " + r.originalTxnId() + " was reversed already",
          card.balance(now));
    }
    long amount = Math.abs(original.amount);
    OpResult refused = amountRefusal(card, amount, card.currency);
    if (refused != null) {
      return refused;
    }
    original.reversed = true;
    if (type == TxnType.PAYMENT_REVERSAL) {
      card.paidSinceStatement = Math.max(0, card.paidSinceStatement - amount);
    }
    TxnView txn =
        post(
            card,
            type,
            amount,
            Merchant.NONE,
            null,
            r.originalTxnId(),
            "",
            r.reason(),
            r.idempotencyKey());
    return new OpResult(true, null, "", false, null, txn, card.balance(now));
  }

  /** Status, currency, range and available credit for new spending (authorize, purchase, cash). */
  private OpResult spendingRefusal(CardState card, long amount, String currency) {
    if (card.status == CardStatus.FROZEN) {
      return OpResult.declined(Decline.CARD_FROZEN, "card is frozen", card.balance(now));
    }
    if (card.status == CardStatus.CLOSED) {
      return OpResult.declined(Decline.CARD_CLOSED, "card is closed", card.balance(now));
    }
    OpResult refused = amountRefusal(card, amount, currency);
    if (refused != null) {
      return refused;
    }
    if (amount > card.available()) {
      return OpResult.declined(
          Decline.INSUFFICIENT_CREDIT,
          "amount " + amount + " exceeds available credit " + card.available(),
          card.balance(now));
    }
    return null;
  }

  private OpResult amountRefusal(CardState card, long amount, String currency) {
    if (!card.currency.equals(currency)) {
      return OpResult.declined(
          Decline.CURRENCY_MISMATCH,
          "card currency is " + card.currency + ", not " + currency,
          card.balance(now));
    }
    if (amount <= 0 || amount > MAX_AMOUNT || Math.abs(card.balance) > MAX_AMOUNT * 100) {
      return OpResult.declined(
          Decline.AMOUNT_OUT_OF_RANGE, "amount out of range", card.balance(now));
    }
    return null;
  }

  private OpResult holdFinal(HoldView hold, CardState card) {
    if (hold.status() == HoldStatus.EXPIRED
        || (hold.status() == HoldStatus.OPEN && !hold.expiresAt().isAfter(now))) {
      return OpResult.declined(
          Decline.HOLD_EXPIRED, "hold expired at " + hold.expiresAt(), card.balance(now));
    }
    if (hold.status() != HoldStatus.OPEN) {
      return OpResult.declined(
          Decline.HOLD_ALREADY_FINAL, "hold is " + hold.status(), card.balance(now));
    }
    return null;
  }

  private void releaseHold(CardState card, HoldView hold) {
    card.openHolds -= hold.amountMinor();
    card.openHoldCount--;
    card.dirty = true;
  }

  private TxnView post(
      CardState card,
      TxnType type,
      long amount,
      Merchant merchant,
      UUID holdId,
      UUID original,
      String feeType,
      String description,
      String key) {
    return post(
        card,
        type,
        amount,
        merchant,
        holdId,
        original,
        feeType,
        description.isEmpty() ? defaultDescription(type, merchant, feeType) : description,
        key,
        "");
  }

  private TxnView post(
      CardState card,
      TxnType type,
      long amount,
      Merchant merchant,
      UUID holdId,
      UUID original,
      String feeType,
      String description,
      String key,
      String reference) {
    return post(
        card,
        type,
        amount,
        merchant,
        holdId,
        original,
        feeType,
        description,
        key,
        reference,
        postingDate(card));
  }

  /**
   * The date a posting is billed under: today (UTC), but never inside a cycle the card has already
   * closed (the scheduler closes at tenant-local midnight, which in UTC may be before or after the
   * date changes): a posting made after the close is dated the day after the closed period, so it
   * lands on the next statement instead of on none. The card is locked, so no close runs meanwhile.
   */
  LocalDate postingDate(CardState card) {
    LocalDate firstOpenDay = BillingCycle.endingOn(card.nextStatementDate).start();
    return today.isBefore(firstOpenDay) ? firstOpenDay : today;
  }

  /**
   * Posts a charge computed at statement close (interest, late fee), dated inside the closed cycle.
   */
  TxnView charge(
      CardState card,
      TxnType type,
      long amount,
      String feeType,
      String description,
      String key,
      LocalDate postedDate) {
    return post(
        card, type, amount, Merchant.NONE, null, null, feeType, description, key, "", postedDate);
  }

  private TxnView post(
      CardState card,
      TxnType type,
      long amount,
      Merchant merchant,
      UUID holdId,
      UUID original,
      String feeType,
      String description,
      String key,
      String reference,
      LocalDate postedDate) {
    long signed = type.sign() * amount;
    UUID txnId = UUID.randomUUID();
    UUID entryId = UUID.randomUUID();
    List<PostingView> legs =
        List.of(
            new PostingView(TxnType.receivable(card.id), signed, card.currency),
            new PostingView(type.contraAccount(), -signed, card.currency));
    long sequence = card.lastSequence + 1;
    TxnView txn =
        new TxnView(
            txnId,
            card.id,
            type,
            signed,
            card.currency,
            merchant,
            holdId,
            original,
            feeType == null ? "" : feeType,
            description,
            reference,
            key,
            entryId,
            now,
            postedDate,
            null);
    String hash = EntryHash.of(tenantId, entryId, sequence, txn, legs, card.lastHash);
    writes.entries.add(
        new JournalEntryView(entryId, card.id, sequence, txnId, now, legs, hash, card.lastHash));
    writes.txns.add(txn);
    card.lastSequence = sequence;
    card.lastHash = hash;
    card.balance += signed;
    card.dirty = true;
    return txn;
  }

  private CardState visibleCard(UUID cardId) {
    CardState card = cards.get(cardId);
    if (card == null || (holderRestriction != null && !holderRestriction.equals(card.holder))) {
      return null;
    }
    return card;
  }

  static String defaultDescription(TxnType type, Merchant merchant, String feeType) {
    return switch (type) {
      case PURCHASE, CASH_ADVANCE ->
          merchant.isEmpty()
              ? (type == TxnType.PURCHASE ? "Purchase" : "Cash advance")
              : merchant.name();
      case REFUND -> "Refund" + (merchant.isEmpty() ? "" : " " + merchant.name());
      case PAYMENT -> "Payment, thank you";
      case FEE ->
          feeType == null || feeType.isEmpty()
              ? "Fee"
              : "Fee: " + feeType.toLowerCase().replace('_', ' ');
      case INTEREST -> "Interest charge";
      case FEE_REVERSAL -> "Fee reversed";
      case INTEREST_REVERSAL -> "Interest reversed";
      case PAYMENT_REVERSAL -> "Payment returned";
    };
  }
}
