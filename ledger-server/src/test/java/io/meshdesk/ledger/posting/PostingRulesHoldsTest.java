package io.meshdesk.ledger.posting;

import static io.meshdesk.ledger.posting.PostingFixture.NOW;
import static io.meshdesk.ledger.posting.PostingFixture.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ledger.domain.CardStatus;
import io.meshdesk.ledger.domain.Decline;
import io.meshdesk.ledger.domain.HoldStatus;
import io.meshdesk.ledger.domain.HoldView;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Posting rules for authorizations, captures and voids, and the limits new spending meets. */
class PostingRulesHoldsTest {

  private final PostingFixture f = new PostingFixture();

  @Test
  void authorizePlacesAnOpenHoldForSevenDaysByDefaultAndReducesAvailableCredit() {
    CardState card = f.card(CardStatus.ACTIVE, 10_000, 1_000);

    OpResult r = f.authorize(card, 3_000, null);

    assertThat(r.accepted()).isTrue();
    HoldView hold = r.hold();
    assertThat(hold.amountMinor()).isEqualTo(3_000);
    assertThat(hold.status()).isEqualTo(HoldStatus.OPEN);
    assertThat(hold.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    assertThat(hold.merchant()).isEqualTo(SHOP);
    assertThat(card.openHolds).isEqualTo(3_000);
    assertThat(card.openHoldCount).isEqualTo(1);
    assertThat(card.nextHoldExpiry).isEqualTo(hold.expiresAt());
    assertThat(card.dirty).isTrue();
    assertThat(card.available()).isEqualTo(6_000);
    assertThat(r.balance().openHoldsMinor()).isEqualTo(3_000);
    assertThat(f.holds).containsKey(hold.id());
    assertThat(f.writes.holds).containsKey(hold.id());
    assertThat(f.writes.holdKeys).containsEntry(hold.id(), "k1");
    assertThat(f.writes.txns).isEmpty();
    assertThat(f.writes.ops)
        .containsExactly(new WriteSet.OpRecord("k1", true, null, "", card.id, hold.id(), null));
  }

  @Test
  void cardKeepsTheEarliestExpiryOfItsHolds() {
    CardState card = f.card(CardStatus.ACTIVE, 10_000, 0);

    f.authorize(card, 10, Duration.ofDays(2));
    f.authorize(card, 10, Duration.ofDays(1));
    f.authorize(card, 10, Duration.ofDays(3));

    assertThat(card.nextHoldExpiry).isEqualTo(NOW.plus(Duration.ofDays(1)));
    assertThat(card.openHoldCount).isEqualTo(3);
    assertThat(card.openHolds).isEqualTo(30);
  }

  @Test
  void spendingUpToAvailableCreditIsAcceptedAndOneUnitMoreIsDeclinedWithoutChanges() {
    CardState card = f.card(CardStatus.ACTIVE, 10_000, 4_000);
    f.authorize(card, 1_000, null);

    OpResult over = f.authorize(card, 5_001, null);
    assertThat(over.decline()).isEqualTo(Decline.INSUFFICIENT_CREDIT);
    assertThat(over.detail()).isEqualTo("amount 5001 exceeds available credit 5000");
    assertThat(card.openHolds).isEqualTo(1_000);
    assertThat(f.writes.holds).hasSize(1);
    assertThat(f.writes.ops.get(1))
        .isEqualTo(
            new WriteSet.OpRecord(
                "k2", false, Decline.INSUFFICIENT_CREDIT, over.detail(), card.id, null, null));

    assertThat(f.authorize(card, 5_000, null).accepted()).isTrue();
    assertThat(card.available()).isZero();
  }

  @Test
  void frozenClosedAndForeignCurrencyCardsRefuseNewSpending() {
    CardState frozen = f.card(CardStatus.FROZEN, 10_000, 0);
    CardState closed = f.card(CardStatus.CLOSED, 10_000, 0);
    CardState active = f.card(CardStatus.ACTIVE, 10_000, 0);

    assertThat(f.authorize(frozen, 1, null).decline()).isEqualTo(Decline.CARD_FROZEN);
    assertThat(f.authorize(closed, 1, null).decline()).isEqualTo(Decline.CARD_CLOSED);
    OpResult eur = f.rules.apply(new PostingOp.Authorize(active.id, 1, "EUR", SHOP, null, f.key()));
    assertThat(eur.decline()).isEqualTo(Decline.CURRENCY_MISMATCH);
    assertThat(eur.detail()).isEqualTo("card currency is USD, not EUR");
    assertThat(eur.balance().cardId()).isEqualTo(active.id);
    assertThat(frozen.openHolds + closed.openHolds + active.openHolds).isZero();
  }

  @Test
  void amountsOutsideOneToTheMaximumAreOutOfRange() {
    CardState card = f.card(CardStatus.ACTIVE, Long.MAX_VALUE / 2, 0);

    assertThat(f.authorize(card, 0, null).decline()).isEqualTo(Decline.AMOUNT_OUT_OF_RANGE);
    assertThat(f.authorize(card, -5, null).decline()).isEqualTo(Decline.AMOUNT_OUT_OF_RANGE);
    assertThat(f.authorize(card, PostingRules.MAX_AMOUNT + 1, null).decline())
        .isEqualTo(Decline.AMOUNT_OUT_OF_RANGE);
    assertThat(f.authorize(card, 1, null).accepted()).isTrue();
    assertThat(f.authorize(card, PostingRules.MAX_AMOUNT, null).accepted()).isTrue();
  }

  @Test
  void unknownCardIsRecordedInBatchesAndReleasedForSingleOperations() {
    OpResult batch =
        f.rules.apply(new PostingOp.Authorize(UUID.randomUUID(), 1, "USD", SHOP, null, "b"));
    assertThat(batch.decline()).isEqualTo(Decline.CARD_NOT_FOUND);
    assertThat(batch.balance()).isNull();
    assertThat(f.writes.ops).extracting(WriteSet.OpRecord::key).containsExactly("b");
    assertThat(f.writes.released).isEmpty();

    PostingFixture single = new PostingFixture(null, false);
    OpResult released =
        single.rules.apply(new PostingOp.Authorize(UUID.randomUUID(), 1, "USD", SHOP, null, "s"));
    assertThat(released.decline()).isEqualTo(Decline.CARD_NOT_FOUND);
    assertThat(single.writes.released).containsExactly("s");
    assertThat(single.writes.ops).isEmpty();
  }

  @Test
  void aHolderSeesOnlyTheirOwnCardsAndHolds() {
    PostingFixture mine = new PostingFixture(PostingFixture.HOLDER, true);
    CardState own = mine.card(CardStatus.ACTIVE, 100, 0);
    PostingFixture other = new PostingFixture(UUID.randomUUID(), true);
    CardState foreign = other.card(CardStatus.ACTIVE, 100, 0);
    HoldView foreignHold = other.hold(foreign, 10, HoldStatus.OPEN, NOW.plusSeconds(60));

    assertThat(mine.authorize(own, 10, null).accepted()).isTrue();
    assertThat(other.authorize(foreign, 10, null).decline()).isEqualTo(Decline.CARD_NOT_FOUND);
    assertThat(other.capture(foreignHold, null).decline()).isEqualTo(Decline.HOLD_NOT_FOUND);
  }

  @Test
  void fullCaptureTurnsTheHoldIntoAPurchaseOfItsMerchant() {
    CardState card = f.card(CardStatus.ACTIVE, 10_000, 500);
    HoldView hold = f.hold(card, 3_000, HoldStatus.OPEN, NOW.plusSeconds(1));

    OpResult r = f.capture(hold, null);

    assertThat(r.accepted()).isTrue();
    assertThat(r.txn().type()).isEqualTo(TxnType.PURCHASE);
    assertThat(r.txn().amountMinor()).isEqualTo(3_000);
    assertThat(r.txn().holdId()).isEqualTo(hold.id());
    assertThat(r.txn().merchant()).isEqualTo(SHOP);
    assertThat(r.txn().description()).isEqualTo("Corner Shop");
    assertThat(r.hold().status()).isEqualTo(HoldStatus.CAPTURED);
    assertThat(r.hold().capturedMinor()).isEqualTo(3_000);
    assertThat(r.hold().finalizedAt()).isEqualTo(NOW);
    assertThat(f.holds.get(hold.id())).isEqualTo(r.hold());
    assertThat(f.writes.holds.get(hold.id())).isEqualTo(r.hold());
    assertThat(card.balance).isEqualTo(3_500);
    assertThat(card.openHolds).isZero();
    assertThat(card.openHoldCount).isZero();
    assertThat(r.balance().postedBalanceMinor()).isEqualTo(3_500);
    assertThat(f.writes.ops.getFirst().txnId()).isEqualTo(r.txn().id());
    assertThat(f.writes.ops.getFirst().holdId()).isEqualTo(hold.id());
  }

  @Test
  void partialCaptureReleasesTheWholeHoldAndPostsOnlyTheCapturedAmount() {
    CardState card = f.card(CardStatus.FROZEN, 10_000, 0);
    HoldView hold = f.hold(card, 3_000, HoldStatus.OPEN, NOW.plusSeconds(60));

    OpResult r = f.capture(hold, 3_000L - 1);

    assertThat(r.accepted()).isTrue();
    assertThat(card.balance).isEqualTo(2_999);
    assertThat(card.openHolds).isZero();
    assertThat(r.hold().capturedMinor()).isEqualTo(2_999);
  }

  @Test
  void captureBeyondTheHoldInAnotherCurrencyOrOnAClosedCardIsDeclined() {
    CardState card = f.card(CardStatus.ACTIVE, 10_000, 0);
    HoldView hold = f.hold(card, 3_000, HoldStatus.OPEN, NOW.plusSeconds(60));
    CardState closed = f.card(CardStatus.CLOSED, 10_000, 0);
    HoldView closedHold = f.hold(closed, 10, HoldStatus.OPEN, NOW.plusSeconds(60));

    OpResult over = f.capture(hold, 3_001L);
    assertThat(over.decline()).isEqualTo(Decline.AMOUNT_EXCEEDS_HOLD);
    assertThat(over.detail()).isEqualTo("capture 3001 exceeds hold 3000");
    OpResult eur = f.rules.apply(new PostingOp.Capture(hold.id(), 10L, "EUR", f.key()));
    assertThat(eur.decline()).isEqualTo(Decline.CURRENCY_MISMATCH);
    assertThat(f.capture(closedHold, null).decline()).isEqualTo(Decline.CARD_CLOSED);
    assertThat(card.openHolds).isEqualTo(3_000);
    assertThat(f.writes.txns).isEmpty();
    assertThat(f.capture(hold, 3_000L).accepted()).isTrue();
  }

  @Test
  void holdsThatExpiredOrAreFinalCannotBeCapturedOrVoided() {
    CardState card = f.card(CardStatus.ACTIVE, 10_000, 0);
    HoldView dueNow = f.hold(card, 10, HoldStatus.OPEN, NOW);
    HoldView expired = f.hold(card, 10, HoldStatus.EXPIRED, NOW.plusSeconds(60));
    HoldView captured = f.hold(card, 10, HoldStatus.CAPTURED, NOW.plusSeconds(60));
    HoldView voided = f.hold(card, 10, HoldStatus.VOIDED, NOW.plusSeconds(60));

    assertThat(f.capture(dueNow, null).decline()).isEqualTo(Decline.HOLD_EXPIRED);
    assertThat(f.capture(expired, null).decline()).isEqualTo(Decline.HOLD_EXPIRED);
    assertThat(f.capture(captured, null).detail()).isEqualTo("hold is CAPTURED");
    assertThat(f.rules.apply(new PostingOp.VoidHold(voided.id(), f.key())).decline())
        .isEqualTo(Decline.HOLD_ALREADY_FINAL);
    assertThat(f.rules.apply(new PostingOp.VoidHold(dueNow.id(), f.key())).decline())
        .isEqualTo(Decline.HOLD_EXPIRED);
    assertThat(f.rules.apply(new PostingOp.VoidHold(UUID.randomUUID(), f.key())).decline())
        .isEqualTo(Decline.HOLD_NOT_FOUND);
    assertThat(card.openHolds).isEqualTo(10);
  }

  @Test
  void voidReleasesTheHoldWithoutPosting() {
    CardState card = f.card(CardStatus.CLOSED, 10_000, 200);
    HoldView hold = f.hold(card, 700, HoldStatus.OPEN, NOW.plusSeconds(60));

    OpResult r = f.rules.apply(new PostingOp.VoidHold(hold.id(), f.key()));

    assertThat(r.accepted()).isTrue();
    assertThat(r.hold().status()).isEqualTo(HoldStatus.VOIDED);
    assertThat(r.hold().capturedMinor()).isZero();
    assertThat(r.hold().finalizedAt()).isEqualTo(NOW);
    assertThat(f.holds.get(hold.id()).status()).isEqualTo(HoldStatus.VOIDED);
    assertThat(f.writes.holds.get(hold.id())).isEqualTo(r.hold());
    assertThat(card.openHolds).isZero();
    assertThat(card.openHoldCount).isZero();
    assertThat(card.dirty).isTrue();
    assertThat(card.balance).isEqualTo(200);
    assertThat(r.balance().openHoldsMinor()).isZero();
    assertThat(f.writes.txns).isEmpty();
    assertThat(f.writes.entries).isEmpty();
  }
}
