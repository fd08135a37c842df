package io.meshdesk.ledger.posting;

import static io.meshdesk.ledger.posting.PostingFixture.NOW;
import static io.meshdesk.ledger.posting.PostingFixture.SHOP;
import static io.meshdesk.ledger.posting.PostingFixture.TENANT;
import static io.meshdesk.ledger.posting.PostingFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ledger.domain.CardStatus;
import io.meshdesk.ledger.domain.Decline;
import io.meshdesk.ledger.domain.EntryHash;
import io.meshdesk.ledger.domain.JournalEntryView;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.PostingView;
import io.meshdesk.ledger.domain.TxnType;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Posting rules for direct postings, refunds, payments and reversals, and the journal chain. */
class PostingRulesPostingsTest {

  private final PostingFixture f = new PostingFixture();

  @Test
  void eachPostingIsOneBalancedEntryChainedToThePreviousOne() {
    CardState card = f.card(CardStatus.ACTIVE, 10_000, 0);

    OpResult first = f.direct(TxnType.PURCHASE, card, 300);
    OpResult second = f.direct(TxnType.PAYMENT, card, 100);

    JournalEntryView a = f.writes.entries.get(0);
    JournalEntryView b = f.writes.entries.get(1);
    assertThat(a.sequence()).isEqualTo(1);
    assertThat(b.sequence()).isEqualTo(2);
    assertThat(a.previousHash()).isNull();
    assertThat(b.previousHash()).isEqualTo(a.hash());
    assertThat(a.hash())
        .isEqualTo(EntryHash.of(TENANT, a.id(), 1, first.txn(), a.postings(), null));
    assertThat(a.postings())
        .containsExactly(
            new PostingView(TxnType.receivable(card.id), 300, "USD"),
            new PostingView("merchant_clearing", -300, "USD"));
    assertThat(b.postings())
        .containsExactly(
            new PostingView(TxnType.receivable(card.id), -100, "USD"),
            new PostingView("payments_clearing", 100, "USD"));
    assertThat(a.transactionId()).isEqualTo(first.txn().id());
    assertThat(first.txn().journalEntryId()).isEqualTo(a.id());
    assertThat(card.lastSequence).isEqualTo(2);
    assertThat(card.lastHash).isEqualTo(b.hash());
    assertThat(card.balance).isEqualTo(200);
    assertThat(second.txn().amountMinor()).isEqualTo(-100);
    assertThat(second.balance().postedBalanceMinor()).isEqualTo(200);
    assertThat(f.writes.txns).containsExactly(first.txn(), second.txn());
    assertThat(first.txn().postedAt()).isEqualTo(NOW);
    assertThat(first.txn().postedDate()).isEqualTo(TODAY);
  }

  @Test
  void directPurchasesAndCashAdvancesMeetTheSpendingRules() {
    CardState card = f.card(CardStatus.ACTIVE, 1_000, 0);
    CardState frozen = f.card(CardStatus.FROZEN, 1_000, 0);

    OpResult purchase = f.direct(TxnType.PURCHASE, card, 600);
    assertThat(purchase.txn().merchant()).isEqualTo(Merchant.NONE);
    assertThat(purchase.txn().description()).isEqualTo("Purchase");
    assertThat(f.direct(TxnType.CASH_ADVANCE, card, 401).decline())
        .isEqualTo(Decline.INSUFFICIENT_CREDIT);
    OpResult cash = f.direct(TxnType.CASH_ADVANCE, card, 400);
    assertThat(cash.txn().description()).isEqualTo("Cash advance");
    assertThat(f.direct(TxnType.PURCHASE, frozen, 1).decline()).isEqualTo(Decline.CARD_FROZEN);
    assertThat(card.balance).isEqualTo(1_000);
  }

  @Test
  void feesAndInterestPostOnFrozenCardsButNotOnClosedOnes() {
    CardState frozen = f.card(CardStatus.FROZEN, 100, 100);
    CardState closed = f.card(CardStatus.CLOSED, 100, 0);

    OpResult fee =
        f.rules.apply(
            new PostingOp.Direct(
                TxnType.FEE, frozen.id, 500, "USD", null, null, "LATE_PAYMENT", "", "r-1", "x"));
    assertThat(fee.accepted()).isTrue();
    assertThat(fee.txn().description()).isEqualTo("Fee: late payment");
    assertThat(fee.txn().feeType()).isEqualTo("LATE_PAYMENT");
    assertThat(fee.txn().reference()).isEqualTo("r-1");
    assertThat(frozen.balance).isEqualTo(600);
    assertThat(f.direct(TxnType.INTEREST, frozen, 7).txn().description())
        .isEqualTo("Interest charge");
    assertThat(f.direct(TxnType.FEE, closed, 1).decline()).isEqualTo(Decline.CARD_CLOSED);
    assertThat(f.direct(TxnType.INTEREST, closed, 1).decline()).isEqualTo(Decline.CARD_CLOSED);
    assertThat(f.direct(TxnType.FEE, frozen, 1, "EUR", null, null, "").decline())
        .isEqualTo(Decline.CURRENCY_MISMATCH);
    assertThat(f.direct(TxnType.FEE, frozen, 0).decline()).isEqualTo(Decline.AMOUNT_OUT_OF_RANGE);
  }

  @Test
  void paymentsPostOnAnyCardAndCountTowardTheMinimum() {
    CardState closed = f.card(CardStatus.CLOSED, 0, 900);

    OpResult r = f.direct(TxnType.PAYMENT, closed, 1_000, "USD", null, null, "Bank transfer");

    assertThat(r.accepted()).isTrue();
    assertThat(r.txn().description()).isEqualTo("Bank transfer");
    assertThat(closed.balance).isEqualTo(-100);
    assertThat(closed.paidSinceStatement).isEqualTo(1_000);
    assertThat(f.direct(TxnType.PAYMENT, closed, 5).txn().description())
        .isEqualTo("Payment, thank you");
    assertThat(closed.paidSinceStatement).isEqualTo(1_005);
    assertThat(f.direct(TxnType.REFUND, closed, 5).txn().description()).isEqualTo("Refund");
    assertThat(closed.paidSinceStatement).isEqualTo(1_005);
  }

  @Test
  void aBalanceBeyondAHundredTimesTheMaximumTakesNoMorePostings() {
    long edge = PostingRules.MAX_AMOUNT * 100;
    CardState atEdge = f.card(CardStatus.ACTIVE, 0, -edge);
    CardState beyond = f.card(CardStatus.ACTIVE, 0, -edge - 1);

    assertThat(f.direct(TxnType.PAYMENT, beyond, 1).decline())
        .isEqualTo(Decline.AMOUNT_OUT_OF_RANGE);
    assertThat(f.direct(TxnType.PAYMENT, atEdge, 1).accepted()).isTrue();
    UUID fee = f.original(beyond, TxnType.FEE, 10, 0);
    assertThat(f.reverse(beyond, fee).decline()).isEqualTo(Decline.AMOUNT_OUT_OF_RANGE);
    assertThat(f.originals.get(fee).reversed).isFalse();
    OpResult unknown =
        f.rules.apply(
            new PostingOp.Direct(
                TxnType.PAYMENT, UUID.randomUUID(), 1, "USD", null, null, "", "", "", "u"));
    assertThat(unknown.decline()).isEqualTo(Decline.CARD_NOT_FOUND);
  }

  @Test
  void refundsOfAPurchaseTakeItsMerchantAndNeverExceedIt() {
    CardState card = f.card(CardStatus.CLOSED, 1_000, 1_000);
    UUID purchase = f.original(card, TxnType.PURCHASE, 1_000, 200);

    OpResult over = f.direct(TxnType.REFUND, card, 801, "USD", null, purchase, "");
    assertThat(over.decline()).isEqualTo(Decline.REFUND_EXCEEDS_ORIGINAL);
    assertThat(over.detail())
        .isEqualTo("refunds would exceed the purchase of 1000 (already refunded 200)");
    OpResult r = f.direct(TxnType.REFUND, card, 800, "USD", null, purchase, "");
    assertThat(r.accepted()).isTrue();
    assertThat(r.txn().merchant()).isEqualTo(SHOP);
    assertThat(r.txn().description()).isEqualTo("Refund Corner Shop");
    assertThat(r.txn().originalTxnId()).isEqualTo(purchase);
    assertThat(f.originals.get(purchase).refunded).isEqualTo(1_000);
    assertThat(card.balance).isEqualTo(200);
    assertThat(f.direct(TxnType.REFUND, card, 1, "USD", null, purchase, "").decline())
        .isEqualTo(Decline.REFUND_EXCEEDS_ORIGINAL);

    Merchant other = new Merchant("Other", "", "", "", "");
    UUID second = f.original(card, TxnType.PURCHASE, 50, 0);
    assertThat(f.direct(TxnType.REFUND, card, 50, "USD", other, second, "").txn().merchant())
        .isEqualTo(other);
  }

  @Test
  void refundsNeedAPurchaseOfTheSameCard() {
    CardState card = f.card(CardStatus.ACTIVE, 1_000, 1_000);
    CardState otherCard = f.card(CardStatus.ACTIVE, 1_000, 1_000);
    UUID fee = f.original(card, TxnType.FEE, 100, 0);
    UUID othersPurchase = f.original(otherCard, TxnType.PURCHASE, 100, 0);

    for (UUID original : new UUID[] {fee, othersPurchase, UUID.randomUUID()}) {
      assertThat(f.direct(TxnType.REFUND, card, 10, "USD", null, original, "").decline())
          .isEqualTo(Decline.ORIGINAL_TRANSACTION_NOT_FOUND);
    }
    assertThat(card.balance).isEqualTo(1_000);
    assertThat(f.writes.txns).isEmpty();
  }

  @Test
  void aFeeIsReversedOnceInFullWithMirroredLegs() {
    CardState card = f.card(CardStatus.CLOSED, 0, 500);
    UUID fee = f.original(card, TxnType.FEE, 300, 0);

    OpResult r = f.rules.apply(new PostingOp.Reverse(card.id, fee, "Goodwill", "rev"));

    assertThat(r.accepted()).isTrue();
    assertThat(r.txn().type()).isEqualTo(TxnType.FEE_REVERSAL);
    assertThat(r.txn().amountMinor()).isEqualTo(-300);
    assertThat(r.txn().description()).isEqualTo("Goodwill");
    assertThat(r.txn().originalTxnId()).isEqualTo(fee);
    assertThat(card.balance).isEqualTo(200);
    assertThat(f.originals.get(fee).reversed).isTrue();
    OpResult again = f.reverse(card, fee);
    assertThat(again.decline()).isEqualTo(Decline.ALREADY_REVERSED);
    assertThat(card.balance).isEqualTo(200);
  }

  @Test
  void aReturnedPaymentRestoresWhatWasOwedAndNoLongerCountsAsPaid() {
    CardState card = f.card(CardStatus.ACTIVE, 1_000, 900);
    card.paidSinceStatement = 500;
    UUID payment = f.original(card, TxnType.PAYMENT, -400, 0);
    UUID bigPayment = f.original(card, TxnType.PAYMENT, -700, 0);

    OpResult r = f.reverse(card, payment);
    assertThat(r.txn().type()).isEqualTo(TxnType.PAYMENT_REVERSAL);
    assertThat(r.txn().amountMinor()).isEqualTo(400);
    assertThat(r.txn().description()).isEqualTo("Payment returned");
    assertThat(card.balance).isEqualTo(1_300);
    assertThat(card.paidSinceStatement).isEqualTo(100);

    f.reverse(card, bigPayment);
    assertThat(card.balance).isEqualTo(2_000);
    assertThat(card.paidSinceStatement).isZero();
  }

  @Test
  void purchasesRefundsAndOtherCardsTransactionsAreNotReversible() {
    CardState card = f.card(CardStatus.ACTIVE, 1_000, 0);
    CardState other = f.card(CardStatus.ACTIVE, 1_000, 0);
    UUID purchase = f.original(card, TxnType.PURCHASE, 100, 0);
    UUID refund = f.original(card, TxnType.REFUND, -100, 0);
    UUID othersFee = f.original(other, TxnType.FEE, 100, 0);

    OpResult p = f.reverse(card, purchase);
    assertThat(p.decline()).isEqualTo(Decline.NOT_REVERSIBLE);
    assertThat(p.detail())
        .isEqualTo("PURCHASE transactions are not reversible (refund a purchase instead)");
    assertThat(f.reverse(card, refund).detail())
        .isEqualTo("REFUND transactions are not reversible");
    assertThat(f.reverse(card, othersFee).decline())
        .isEqualTo(Decline.ORIGINAL_TRANSACTION_NOT_FOUND);
    assertThat(f.reverse(card, UUID.randomUUID()).decline())
        .isEqualTo(Decline.ORIGINAL_TRANSACTION_NOT_FOUND);
    OpResult unknownCard =
        f.rules.apply(new PostingOp.Reverse(UUID.randomUUID(), purchase, "", f.key()));
    assertThat(unknownCard.decline()).isEqualTo(Decline.CARD_NOT_FOUND);
    assertThat(f.originals.get(purchase).reversed).isFalse();
    assertThat(f.writes.txns).isEmpty();
  }

  @Test
  void postingsAfterACycleClosedEarlyAreDatedIntoTheNextCycle() {
    CardState closedEarly = f.card(CardStatus.ACTIVE, 1_000, 0, LocalDate.parse("2026-04-25"));
    CardState opensToday = f.card(CardStatus.ACTIVE, 1_000, 0, TODAY.plusMonths(1).minusDays(1));

    assertThat(f.rules.postingDate(closedEarly)).isEqualTo(LocalDate.parse("2026-03-26"));
    assertThat(f.direct(TxnType.PURCHASE, closedEarly, 1).txn().postedDate())
        .isEqualTo(LocalDate.parse("2026-03-26"));
    assertThat(f.rules.postingDate(opensToday)).isEqualTo(TODAY);
  }

  @Test
  void statementChargesAreDatedInsideTheClosedCycle() {
    CardState card = f.card(CardStatus.CLOSED, 1_000, 100);
    LocalDate closed = LocalDate.parse("2026-02-25");

    var txn = f.rules.charge(card, TxnType.INTEREST, 12, "", "Interest charge", "c", closed);

    assertThat(txn.postedDate()).isEqualTo(closed);
    assertThat(txn.amountMinor()).isEqualTo(12);
    assertThat(card.balance).isEqualTo(112);
    assertThat(f.writes.entries).hasSize(1);
  }

  @Test
  void defaultDescriptionsNameTheMerchantOrTheKind() {
    assertThat(PostingRules.defaultDescription(TxnType.PURCHASE, SHOP, ""))
        .isEqualTo("Corner Shop");
    assertThat(PostingRules.defaultDescription(TxnType.CASH_ADVANCE, SHOP, ""))
        .isEqualTo("Corner Shop");
    assertThat(PostingRules.defaultDescription(TxnType.FEE, Merchant.NONE, null)).isEqualTo("Fee");
    assertThat(PostingRules.defaultDescription(TxnType.FEE, Merchant.NONE, "")).isEqualTo("Fee");
    assertThat(PostingRules.defaultDescription(TxnType.FEE_REVERSAL, Merchant.NONE, ""))
        .isEqualTo("Fee reversed");
    assertThat(PostingRules.defaultDescription(TxnType.INTEREST_REVERSAL, Merchant.NONE, ""))
        .isEqualTo("Interest reversed");
  }
}
