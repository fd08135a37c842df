package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.CardStatus;
import io.meshdesk.ledger.domain.HoldStatus;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** In-memory cards, holds and originals for exercising {@link PostingRules} without a database. */
final class PostingFixture {

  static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID HOLDER = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final LocalDate TODAY = LocalDate.parse("2026-03-10");
  static final LocalDate CLOSES = LocalDate.parse("2026-03-25");
  static final Merchant SHOP = new Merchant("Corner Shop", "5411", "NL", "Delft", "m-1");

  final Map<UUID, CardState> cards = new HashMap<>();
  final Map<UUID, HoldView> holds = new HashMap<>();
  final Map<UUID, OriginalTxn> originals = new HashMap<>();
  final WriteSet writes;
  final PostingRules rules;
  private int keys;

  PostingFixture() {
    this(null, true);
  }

  PostingFixture(UUID holderRestriction, boolean recordNotFound) {
    writes = new WriteSet(recordNotFound);
    rules = new PostingRules(TENANT, holderRestriction, NOW, cards, holds, originals, writes);
  }

  CardState card(CardStatus status, long limit, long balance) {
    return card(status, limit, balance, CLOSES);
  }

  CardState card(CardStatus status, long limit, long balance, LocalDate closes) {
    CardState card =
        CardState.of(
            UUID.randomUUID(), HOLDER, "USD", status, limit, balance, closes, NOW.minusSeconds(60));
    cards.put(card.id, card);
    return card;
  }

  HoldView hold(CardState card, long amount, HoldStatus status, Instant expires) {
    HoldView hold =
        new HoldView(
            UUID.randomUUID(),
            card.id,
            amount,
            0,
            "USD",
            status,
            SHOP,
            NOW.minusSeconds(30),
            expires,
            null);
    holds.put(hold.id(), hold);
    if (status == HoldStatus.OPEN) {
      card.openHolds += amount;
      card.openHoldCount++;
    }
    return hold;
  }

  UUID original(CardState card, TxnType type, long amount, long refunded) {
    UUID id = UUID.randomUUID();
    originals.put(id, new OriginalTxn(card.id, type, amount, SHOP, refunded, false));
    return id;
  }

  String key() {
    return "k" + ++keys;
  }

  OpResult authorize(CardState card, long amount, Duration expiresIn) {
    return rules.apply(new PostingOp.Authorize(card.id, amount, "USD", SHOP, expiresIn, key()));
  }

  OpResult capture(HoldView hold, Long amount) {
    return rules.apply(
        new PostingOp.Capture(hold.id(), amount, amount == null ? null : "USD", key()));
  }

  OpResult direct(TxnType type, CardState card, long amount) {
    return direct(type, card, amount, "USD", null, null, "");
  }

  OpResult direct(
      TxnType type,
      CardState card,
      long amount,
      String currency,
      Merchant merchant,
      UUID original,
      String description) {
    return rules.apply(
        new PostingOp.Direct(
            type, card.id, amount, currency, merchant, original, "", description, "", key()));
  }

  OpResult reverse(CardState card, UUID original) {
    return rules.apply(new PostingOp.Reverse(card.id, original, "", key()));
  }
}
