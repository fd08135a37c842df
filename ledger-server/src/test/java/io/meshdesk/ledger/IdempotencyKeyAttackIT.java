package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PaymentResponse;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.platform.auth.Role;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 item 9: idempotency keys belong to the caller. A customer reusing another customer's
 * key gets a fresh operation of their own, learns nothing about the other's, and cannot squat a key
 * before its owner uses it.
 */
class IdempotencyKeyAttackIT {

  static LedgerFixture fx;
  static String product;

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("idemattack");
    product = fx.product("Classic");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static LedgerServiceBlockingStub customer(UUID holder) {
    return fx.as(fx.tenant, holder, Role.CUSTOMER);
  }

  /** A customer's payment: an instruction pending settlement (issue #14 item 7). */
  private static PaymentResponse pay(UUID holder, String card, long amount, String key) {
    return customer(holder)
        .payment(
            PaymentRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(amount))
                .setIdempotencyKey(key)
                .build());
  }

  private static Balance balance(String card) {
    return fx.admin()
        .getBalance(GetBalanceRequest.newBuilder().setCardId(card).build())
        .getBalance();
  }

  private static long posted(String card) {
    return balance(card).getPostedBalance().getAmountMinor();
  }

  private static long pending(String card) {
    return balance(card).getPendingPayments().getAmountMinor();
  }

  @Test
  void customerReusingAnotherCustomersKeyGetsAFreshOperationAndLearnsNothing() {
    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    String aliceCard = fx.card(product, alice, 50_000, 15);
    String bobCard = fx.card(product, bob, 50_000, 15);
    PaymentResponse alicePaid = pay(alice, aliceCard, 1_000, "idem-shared");

    PaymentResponse bobPaid = pay(bob, bobCard, 2_500, "idem-shared");

    assertThat(bobPaid.getResult().getOutcome())
        .isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    assertThat(bobPaid.getResult().getReplayed()).isFalse();
    assertThat(bobPaid.getPendingPayment().getId())
        .isNotEqualTo(alicePaid.getPendingPayment().getId());
    assertThat(bobPaid.getPendingPayment().getCardId()).isEqualTo(bobCard);
    assertThat(bobPaid.getPendingPayment().getAmount().getAmountMinor()).isEqualTo(2_500);
    assertThat(bobPaid.getResult().getBalance().getCardId()).isEqualTo(bobCard);
    assertThat(pending(aliceCard)).isEqualTo(1_000);
    assertThat(pending(bobCard)).isEqualTo(2_500);
  }

  @Test
  void keyUsedFirstByAnotherCustomerStillWorksForItsOwnerAndRetriesStillReplay() {
    UUID alice = UUID.randomUUID();
    UUID mallory = UUID.randomUUID();
    String aliceCard = fx.card(product, alice, 50_000, 15);
    String malloryCard = fx.card(product, mallory, 50_000, 15);
    pay(mallory, malloryCard, 1, "idem-squat");

    PaymentResponse first = pay(alice, aliceCard, 4_000, "idem-squat");
    PaymentResponse retry = pay(alice, aliceCard, 4_000, "idem-squat");

    assertThat(first.getResult().getOutcome())
        .isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    assertThat(first.getResult().getReplayed()).isFalse();
    assertThat(retry.getResult().getReplayed()).isTrue();
    assertThat(retry.getPendingPayment().getId()).isEqualTo(first.getPendingPayment().getId());
    assertThat(pending(aliceCard)).isEqualTo(4_000);
  }

  @Test
  void batchKeysOfTwoCallersAreSeparateOperations() {
    String card = fx.card(product, UUID.randomUUID(), 50_000, 15);
    BatchPostRequest batch =
        BatchPostRequest.newBuilder()
            .addOperations(
                BatchOperation.newBuilder()
                    .setPurchase(
                        PurchaseRequest.newBuilder()
                            .setCardId(card)
                            .setAmount(usd(700))
                            .setMerchant(shop())
                            .setIdempotencyKey("idem-batch")))
            .build();

    var one =
        fx.as(fx.tenant, UUID.randomUUID(), Role.ADMIN).batchPost(batch).getResults(0).getResult();
    var two =
        fx.as(fx.tenant, UUID.randomUUID(), Role.ADMIN).batchPost(batch).getResults(0).getResult();

    assertThat(two.getReplayed()).isFalse();
    assertThat(two.getTransaction().getId()).isNotEqualTo(one.getTransaction().getId());
    assertThat(posted(card)).isEqualTo(1_400);
  }
}
