package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Duration;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuthorizeRequest;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.BatchPostResponse;
import io.meshdesk.api.ledger.v1.CaptureRequest;
import io.meshdesk.api.ledger.v1.CashAdvanceRequest;
import io.meshdesk.api.ledger.v1.DeclineReason;
import io.meshdesk.api.ledger.v1.FeeType;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PostFeeRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.RefundRequest;
import io.meshdesk.api.ledger.v1.ReverseRequest;
import io.meshdesk.api.ledger.v1.VoidRequest;
import io.meshdesk.platform.auth.Role;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unknown or invisible cards and holds answer NOT_FOUND and write nothing; expired holds reserve
 * nothing.
 */
class LedgerNotFoundIT {

  static LedgerFixture fx;
  static String product;
  static final UUID holder = UUID.randomUUID();

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("ledgernotfound");
    product = fx.product("Classic");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static void assertNotFound(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  private static long operations(UUID tenant, String keyPrefix) {
    return fx.count(
        tenant,
        "select count(*) from ledger.operation where idempotency_key like '%/" + keyPrefix + "%'");
  }

  @Test
  void everySingleOperationOnAnUnknownCardOrHoldIsNotFoundAndWritesNothing() {
    String card = UUID.randomUUID().toString();
    String hold = UUID.randomUUID().toString();
    var admin = fx.admin();

    assertNotFound(
        () ->
            admin.authorize(
                AuthorizeRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(100))
                    .setMerchant(shop())
                    .setIdempotencyKey("nf-auth")
                    .build()));
    assertNotFound(
        () ->
            admin.capture(
                CaptureRequest.newBuilder().setHoldId(hold).setIdempotencyKey("nf-cap").build()));
    assertNotFound(
        () ->
            admin.void_(
                VoidRequest.newBuilder().setHoldId(hold).setIdempotencyKey("nf-void").build()));
    assertNotFound(
        () ->
            admin.purchase(
                PurchaseRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(100))
                    .setMerchant(shop())
                    .setIdempotencyKey("nf-buy")
                    .build()));
    assertNotFound(
        () ->
            admin.refund(
                RefundRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(100))
                    .setIdempotencyKey("nf-refund")
                    .build()));
    assertNotFound(
        () ->
            admin.payment(
                PaymentRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(100))
                    .setIdempotencyKey("nf-pay")
                    .build()));
    assertNotFound(
        () ->
            admin.postFee(
                PostFeeRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(100))
                    .setFeeType(FeeType.FEE_TYPE_ANNUAL)
                    .setIdempotencyKey("nf-fee")
                    .build()));
    assertNotFound(
        () ->
            admin.cashAdvance(
                CashAdvanceRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(100))
                    .setIdempotencyKey("nf-cash")
                    .build()));
    assertNotFound(
        () ->
            admin.reverse(
                ReverseRequest.newBuilder()
                    .setCardId(card)
                    .setOriginalTransactionId(UUID.randomUUID().toString())
                    .setReason("waiver")
                    .setIdempotencyKey("nf-rev")
                    .build()));

    assertThat(operations(fx.tenant, "nf-")).isZero();
    // the keys stayed unused: the first real use posts, it is no replay
    String real = fx.card(product, holder, 10_000, 15);
    assertThat(
            admin
                .purchase(
                    PurchaseRequest.newBuilder()
                        .setCardId(real)
                        .setAmount(usd(100))
                        .setMerchant(shop())
                        .setIdempotencyKey("nf-buy")
                        .build())
                .getResult()
                .getReplayed())
        .isFalse();
  }

  @Test
  void anotherTenantsCardAndAnotherCustomersCardAreNotFoundAndWriteNothing() {
    String card = fx.card(product, holder, 10_000, 15);
    UUID otherTenant = UUID.randomUUID();
    assertNotFound(
        () ->
            fx.as(otherTenant, UUID.randomUUID(), Role.ADMIN)
                .purchase(
                    PurchaseRequest.newBuilder()
                        .setCardId(card)
                        .setAmount(usd(100))
                        .setMerchant(shop())
                        .setIdempotencyKey("nfx-buy")
                        .build()));
    assertNotFound(
        () ->
            fx.as(fx.tenant, UUID.randomUUID(), Role.CUSTOMER)
                .payment(
                    PaymentRequest.newBuilder()
                        .setCardId(card)
                        .setAmount(usd(100))
                        .setIdempotencyKey("nfx-pay")
                        .build()));

    assertThat(operations(otherTenant, "nfx-")).isZero();
    assertThat(operations(fx.tenant, "nfx-")).isZero();
    assertThat(
            fx.admin()
                .getBalance(GetBalanceRequest.newBuilder().setCardId(card).build())
                .getBalance()
                .getPostedBalance()
                .getAmountMinor())
        .isZero();
    // the card's own holder pays normally
    assertThat(
            fx.as(fx.tenant, holder, Role.CUSTOMER)
                .payment(
                    PaymentRequest.newBuilder()
                        .setCardId(card)
                        .setAmount(usd(100))
                        .setIdempotencyKey("nfx-pay")
                        .build())
                .getResult()
                .getReplayed())
        .isFalse();
  }

  @Test
  void aBatchKeepsItsPerItemDeclineForUnknownCardsAndHolds() {
    String hold = UUID.randomUUID().toString();
    BatchPostResponse r =
        fx.admin()
            .batchPost(
                BatchPostRequest.newBuilder()
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setPurchase(
                                PurchaseRequest.newBuilder()
                                    .setCardId(UUID.randomUUID().toString())
                                    .setAmount(usd(100))
                                    .setMerchant(shop())
                                    .setIdempotencyKey("nfb-buy")))
                    .addOperations(
                        BatchOperation.newBuilder()
                            .setCapture(
                                CaptureRequest.newBuilder()
                                    .setHoldId(hold)
                                    .setIdempotencyKey("nfb-cap")))
                    .build());

    assertThat(r.getDeclinedCount()).isEqualTo(2);
    assertThat(r.getResultsList())
        .extracting(x -> x.getResult().getDeclineReason())
        .containsExactly(
            DeclineReason.DECLINE_REASON_CARD_NOT_FOUND,
            DeclineReason.DECLINE_REASON_HOLD_NOT_FOUND);
    assertThat(
            fx.count(
                "select count(*) from ledger.operation where idempotency_key like '%/nfb-%'"
                    + " and outcome = 'DECLINED'"))
        .isEqualTo(2);
    // a single RPC replaying such a batch key answers NOT_FOUND too
    assertNotFound(
        () ->
            fx.admin()
                .capture(
                    CaptureRequest.newBuilder()
                        .setHoldId(hold)
                        .setIdempotencyKey("nfb-cap")
                        .build()));
  }

  @Test
  void aHoldPastItsExpiryReservesNothingCannotBeCapturedAndPassesTheAudit() {
    fx.clock.set("2025-02-01T10:00:00Z");
    String card = fx.card(product, holder, 10_000, 15);
    String hold =
        fx.admin()
            .authorize(
                AuthorizeRequest.newBuilder()
                    .setCardId(card)
                    .setAmount(usd(6_000))
                    .setMerchant(shop())
                    .setExpiresIn(Duration.newBuilder().setSeconds(60))
                    .setIdempotencyKey("exp-auth-" + card)
                    .build())
            .getResult()
            .getHold()
            .getId();
    assertThat(available(card)).isEqualTo(4_000);

    fx.clock.advance(java.time.Duration.ofMinutes(2));
    // before any posting marks it expired, the balance already ignores it
    Balance b =
        fx.admin().getBalance(GetBalanceRequest.newBuilder().setCardId(card).build()).getBalance();
    assertThat(b.getOpenHolds().getAmountMinor()).isZero();
    assertThat(b.getOpenHoldCount()).isZero();
    assertThat(b.getAvailableCredit().getAmountMinor()).isEqualTo(10_000);
    assertThat(
            fx.admin()
                .audit(AuditRequest.newBuilder().setCardId(card).build())
                .getSummary()
                .getPassed())
        .isTrue();

    String reason =
        LedgerFixture.declineReason(
            () ->
                fx.admin()
                    .capture(
                        CaptureRequest.newBuilder()
                            .setHoldId(hold)
                            .setIdempotencyKey("exp-cap-" + card)
                            .build()));
    assertThat(reason).isEqualTo("HOLD_EXPIRED");
    // the whole limit is spendable again
    fx.admin()
        .authorize(
            AuthorizeRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(10_000))
                .setMerchant(shop())
                .setIdempotencyKey("exp-auth2-" + card)
                .build());
    assertThat(available(card)).isZero();
    assertThat(
            fx.count(
                "select count(*) from ledger.hold where id = '"
                    + hold
                    + "' and status = 'EXPIRED'"))
        .isEqualTo(1);
    assertThat(
            fx.admin()
                .audit(AuditRequest.newBuilder().setCardId(card).build())
                .getSummary()
                .getPassed())
        .isTrue();
  }

  @Test
  void aStatementClosedAfterAHoldExpiredCountsNoHoldInItsAvailableCredit() {
    fx.clock.set("2025-02-01T10:00:00Z");
    String card = fx.card(product, holder, 10_000, 15);
    fx.admin()
        .authorize(
            AuthorizeRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(6_000))
                .setMerchant(shop())
                .setExpiresIn(Duration.newBuilder().setSeconds(3_600))
                .setIdempotencyKey("exp-close-" + card)
                .build());

    fx.clock.set("2025-02-16T01:00:00Z");
    fx.statements.closeCard(fx.tenant, UUID.fromString(card), java.time.LocalDate.of(2025, 2, 16));

    var statements =
        fx.admin()
            .listStatements(
                io.meshdesk.api.ledger.v1.ListStatementsRequest.newBuilder()
                    .setCardId(card)
                    .build())
            .getStatementsList();
    assertThat(statements).hasSize(1);
    assertThat(statements.getFirst().getAvailableCredit().getAmountMinor()).isEqualTo(10_000);
    assertThat(
            fx.admin()
                .audit(AuditRequest.newBuilder().setCardId(card).build())
                .getSummary()
                .getPassed())
        .isTrue();
    assertThat(fx.count("select open_holds_minor from ledger.card where id = '" + card + "'"))
        .isZero();
  }

  private static long available(String card) {
    return fx.admin()
        .getBalance(GetBalanceRequest.newBuilder().setCardId(card).build())
        .getBalance()
        .getAvailableCredit()
        .getAmountMinor();
  }
}
