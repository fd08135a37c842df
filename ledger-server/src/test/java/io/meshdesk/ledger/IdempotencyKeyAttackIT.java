package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.PaymentRequest;
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

  private static OperationResult pay(UUID holder, String card, long amount, String key) {
    return customer(holder).payment(PaymentRequest.newBuilder().setCardId(card).setAmount(usd(amount))
        .setIdempotencyKey(key).build()).getResult();
  }

  private static long posted(String card) {
    return fx.admin().getBalance(GetBalanceRequest.newBuilder().setCardId(card).build()).getBalance()
        .getPostedBalance().getAmountMinor();
  }

  @Test
  void customerReusingAnotherCustomersKeyGetsAFreshOperationAndLearnsNothing() {
    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    String aliceCard = fx.card(product, alice, 50_000, 15);
    String bobCard = fx.card(product, bob, 50_000, 15);
    OperationResult alicePaid = pay(alice, aliceCard, 1_000, "idem-shared");

    OperationResult bobPaid = pay(bob, bobCard, 2_500, "idem-shared");

    assertThat(bobPaid.getOutcome()).isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    assertThat(bobPaid.getReplayed()).isFalse();
    assertThat(bobPaid.getTransaction().getId()).isNotEqualTo(alicePaid.getTransaction().getId());
    assertThat(bobPaid.getTransaction().getCardId()).isEqualTo(bobCard);
    assertThat(bobPaid.getTransaction().getIdempotencyKey()).isEqualTo("idem-shared");
    assertThat(bobPaid.getBalance().getCardId()).isEqualTo(bobCard);
    assertThat(posted(aliceCard)).isEqualTo(-1_000);
    assertThat(posted(bobCard)).isEqualTo(-2_500);
  }

  @Test
  void keyUsedFirstByAnotherCustomerStillWorksForItsOwnerAndRetriesStillReplay() {
    UUID alice = UUID.randomUUID();
    UUID mallory = UUID.randomUUID();
    String aliceCard = fx.card(product, alice, 50_000, 15);
    String malloryCard = fx.card(product, mallory, 50_000, 15);
    pay(mallory, malloryCard, 1, "idem-squat");

    OperationResult first = pay(alice, aliceCard, 4_000, "idem-squat");
    OperationResult retry = pay(alice, aliceCard, 4_000, "idem-squat");

    assertThat(first.getOutcome()).isEqualTo(OperationOutcome.OPERATION_OUTCOME_ACCEPTED);
    assertThat(first.getReplayed()).isFalse();
    assertThat(retry.getReplayed()).isTrue();
    assertThat(retry.getTransaction().getId()).isEqualTo(first.getTransaction().getId());
    assertThat(posted(aliceCard)).isEqualTo(-4_000);
  }

  @Test
  void batchKeysOfTwoCallersAreSeparateOperations() {
    String card = fx.card(product, UUID.randomUUID(), 50_000, 15);
    BatchPostRequest batch = BatchPostRequest.newBuilder().addOperations(BatchOperation.newBuilder()
        .setPurchase(PurchaseRequest.newBuilder().setCardId(card).setAmount(usd(700)).setMerchant(shop())
            .setIdempotencyKey("idem-batch"))).build();

    var one = fx.as(fx.tenant, UUID.randomUUID(), Role.ADMIN).batchPost(batch).getResults(0).getResult();
    var two = fx.as(fx.tenant, UUID.randomUUID(), Role.ADMIN).batchPost(batch).getResults(0).getResult();

    assertThat(two.getReplayed()).isFalse();
    assertThat(two.getTransaction().getId()).isNotEqualTo(one.getTransaction().getId());
    assertThat(posted(card)).isEqualTo(1_400);
  }
}
