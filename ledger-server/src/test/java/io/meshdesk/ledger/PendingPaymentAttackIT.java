package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.declineReason;
import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PaymentResponse;
import io.meshdesk.api.ledger.v1.PendingPaymentStatus;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.SettlePaymentRequest;
import io.meshdesk.api.ledger.v1.SettlePaymentResponse;
import io.meshdesk.api.ledger.v1.SettlementOutcome;
import io.meshdesk.api.ledger.v1.TransactionType;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.testing.TestTokens;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 item 7: a customer cannot create credit out of nothing. Their Payment is an instruction
 * that stays pending, with no effect on available credit or the minimum payment, until an admin or
 * a service account granted ledger.settle settles it; a returned one is cancelled.
 */
class PendingPaymentAttackIT {

  static LedgerFixture fx;
  static String product;

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("pendingattack");
    fx.clock.set("2025-03-20T10:00:00Z");
    product = fx.product("Classic");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static PaymentResponse customerPays(UUID holder, String card, long amount, String key) {
    return fx.as(fx.tenant, holder, Role.CUSTOMER)
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

  private static SettlePaymentResponse settle(
      LedgerServiceBlockingStub stub, PaymentResponse p, SettlementOutcome o) {
    return stub.settlePayment(
        SettlePaymentRequest.newBuilder()
            .setPendingPaymentId(p.getPendingPayment().getId())
            .setOutcome(o)
            .build());
  }

  private static LedgerServiceBlockingStub service(Set<String> grants) {
    return LedgerServiceGrpc.newBlockingStub(fx.grpc.channel())
        .withCallCredentials(
            TestTokens.bearer(fx.tokens.service(fx.tenant, UUID.randomUUID(), grants)));
  }

  private static void assertDenied(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void hugeCustomerPaymentCreatesNoCreditAndDoesNotMeetTheMinimum() {
    UUID holder = UUID.randomUUID();
    fx.clock.set("2025-03-20T10:00:00Z");
    String card = fx.card(product, holder, 10_000, 15);
    fx.clock.set("2025-04-01T09:00:00Z");
    fx.admin()
        .purchase(
            PurchaseRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(9_000))
                .setMerchant(shop())
                .setIdempotencyKey("pp-buy-" + card)
                .build());
    fx.statements.closeDueCycles(fx.tenant, java.time.LocalDate.parse("2025-04-16"));
    fx.clock.set("2025-04-20T09:00:00Z");
    long minimum = balance(card).getMinimumPaymentDue().getAmountMinor();

    PaymentResponse paid = customerPays(holder, card, 1_000_000, "pp-huge");

    assertThat(paid.hasPendingPayment()).isTrue();
    assertThat(paid.getPendingPayment().getStatus())
        .isEqualTo(PendingPaymentStatus.PENDING_PAYMENT_STATUS_PENDING);
    assertThat(paid.getResult().hasTransaction()).isFalse();
    Balance after = balance(card);
    assertThat(minimum).isPositive();
    assertThat(after.getMinimumPaymentDue().getAmountMinor()).isEqualTo(minimum);
    assertThat(after.getPostedBalance().getAmountMinor()).isEqualTo(9_000);
    assertThat(after.getAvailableCredit().getAmountMinor()).isEqualTo(1_000);
    assertThat(after.getPendingPayments().getAmountMinor()).isEqualTo(1_000_000);
    assertThat(
            declineReason(
                () ->
                    fx.admin()
                        .purchase(
                            PurchaseRequest.newBuilder()
                                .setCardId(card)
                                .setAmount(usd(5_000))
                                .setMerchant(shop())
                                .setIdempotencyKey("pp-spend-" + card)
                                .build())))
        .isEqualTo("INSUFFICIENT_CREDIT");
    assertThat(
            fx.admin()
                .listTransactions(ListTransactionsRequest.newBuilder().setCardId(card).build())
                .getTransactionsList())
        .noneMatch(t -> t.getType() == TransactionType.TRANSACTION_TYPE_PAYMENT);
  }

  @Test
  void onlyAGrantedServiceAccountOrAdminSettlesAndSettlingTwiceCreditsOnce() {
    UUID holder = UUID.randomUUID();
    String card = fx.card(product, holder, 10_000, 15);
    PaymentResponse paid = customerPays(holder, card, 3_000, "pp-settle");

    assertDenied(
        () ->
            settle(
                fx.as(fx.tenant, holder, Role.CUSTOMER),
                paid,
                SettlementOutcome.SETTLEMENT_OUTCOME_SETTLED));
    assertDenied(
        () ->
            settle(
                service(Set.of("ledger.pay", "ledger.post")),
                paid,
                SettlementOutcome.SETTLEMENT_OUTCOME_SETTLED));
    assertThat(balance(card).getPostedBalance().getAmountMinor()).isZero();

    LedgerServiceBlockingStub processor = service(Set.of("ledger.settle"));
    SettlePaymentResponse settled =
        settle(processor, paid, SettlementOutcome.SETTLEMENT_OUTCOME_SETTLED);
    SettlePaymentResponse again =
        settle(processor, paid, SettlementOutcome.SETTLEMENT_OUTCOME_SETTLED);

    assertThat(settled.getPendingPayment().getStatus())
        .isEqualTo(PendingPaymentStatus.PENDING_PAYMENT_STATUS_SETTLED);
    assertThat(settled.getPendingPayment().getTransactionId()).isNotEmpty();
    assertThat(again.getPendingPayment().getTransactionId())
        .isEqualTo(settled.getPendingPayment().getTransactionId());
    assertThat(balance(card).getPostedBalance().getAmountMinor()).isEqualTo(-3_000);
    assertThat(balance(card).getPendingPaymentCount()).isZero();
    assertThat(
            declineReason(
                () -> settle(fx.admin(), paid, SettlementOutcome.SETTLEMENT_OUTCOME_RETURNED)))
        .isEqualTo("PAYMENT_NOT_PENDING");
    assertThat(
            fx.admin().audit(AuditRequest.newBuilder().setCardId(card).build()).getViolationsList())
        .isEmpty();
  }

  @Test
  void returnedPaymentIsCancelledPostsNothingAndCannotBeSettledLater() {
    UUID holder = UUID.randomUUID();
    String card = fx.card(product, holder, 10_000, 15);
    PaymentResponse paid = customerPays(holder, card, 2_000, "pp-return");

    SettlePaymentResponse returned =
        settle(fx.admin(), paid, SettlementOutcome.SETTLEMENT_OUTCOME_RETURNED);

    assertThat(returned.getPendingPayment().getStatus())
        .isEqualTo(PendingPaymentStatus.PENDING_PAYMENT_STATUS_RETURNED);
    assertThat(returned.getPendingPayment().getTransactionId()).isEmpty();
    assertThat(
            declineReason(
                () -> settle(fx.admin(), paid, SettlementOutcome.SETTLEMENT_OUTCOME_SETTLED)))
        .isEqualTo("PAYMENT_NOT_PENDING");
    Balance b = balance(card);
    assertThat(b.getPostedBalance().getAmountMinor()).isZero();
    assertThat(b.getAvailableCredit().getAmountMinor()).isEqualTo(10_000);
    assertThat(b.getPendingPayments().getAmountMinor()).isZero();
  }

  @Test
  void staffPaymentPostsAtOnce() {
    String card = fx.card(product, UUID.randomUUID(), 10_000, 15);

    PaymentResponse paid =
        fx.admin()
            .payment(
                PaymentRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(1_500))
                    .setIdempotencyKey("pp-staff")
                    .build());

    assertThat(paid.hasPendingPayment()).isFalse();
    assertThat(paid.getResult().getTransaction().getType())
        .isEqualTo(TransactionType.TRANSACTION_TYPE_PAYMENT);
    assertThat(balance(card).getPostedBalance().getAmountMinor()).isEqualTo(-1_500);
  }
}
