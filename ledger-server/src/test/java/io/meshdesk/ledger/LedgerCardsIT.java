package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitRequest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Card products and issuing through the real service chain: contract validation and idempotent
 * issue.
 */
class LedgerCardsIT {

  static LedgerFixture fx;
  static String product;

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("ledgercards");
    product = fx.product("Classic");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static CreateCardProductRequest productRequest(
      String name, String currency, int graceDays) {
    return CreateCardProductRequest.newBuilder()
        .setName(name)
        .setNetwork(CardNetwork.CARD_NETWORK_VISA)
        .setCurrency(currency)
        .setPurchaseAprBps(1825)
        .setCashAdvanceAprBps(2920)
        .setGraceDays(graceDays)
        .setMinPayment(
            MinimumPaymentRule.newBuilder()
                .setFloor(usd(2500).toBuilder().setCurrency(currency))
                .setPercentBps(100))
        .setLateFee(usd(4000).toBuilder().setCurrency(currency))
        .build();
  }

  private static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(StatusProto.fromThrowable(e).getDetailsList().toString()).contains(field);
            });
  }

  @Test
  void aCurrencyCodeTheStandardDoesNotDefineIsRefusedNamingTheField() {
    assertInvalid(
        () -> fx.admin().createCardProduct(productRequest("Made up", "ABC", 25)), "currency");
    assertThat(
            fx.admin()
                .createCardProduct(productRequest("Euro", "EUR", 25))
                .getProduct()
                .getCurrency())
        .isEqualTo("EUR");
  }

  @Test
  void graceDaysAreTwentyOneToTwentyEightInTheContractAndTheService() {
    assertInvalid(
        () -> fx.admin().createCardProduct(productRequest("Long grace", "USD", 29)), "grace_days");
    assertInvalid(
        () -> fx.admin().createCardProduct(productRequest("Short grace", "USD", 20)), "grace_days");
    assertThat(
            fx.admin()
                .createCardProduct(productRequest("Max grace", "USD", 28))
                .getProduct()
                .getGraceDays())
        .isEqualTo(28);
  }

  @Test
  void reissuingWithTheSameKeyReturnsTheCardAndADifferentRequestIsAConflict() {
    UUID holder = UUID.randomUUID();
    IssueCardRequest request =
        IssueCardRequest.newBuilder()
            .setProductId(product)
            .setHolderUserId(holder.toString())
            .setCreditLimit(usd(50_000))
            .setBillingCycleDay(10)
            .setIdempotencyKey("issue-1")
            .build();
    Card first = fx.admin().issueCard(request).getCard();
    // a later limit change does not make the original request "different"
    fx.admin()
        .updateCreditLimit(
            UpdateCreditLimitRequest.newBuilder()
                .setCardId(first.getId())
                .setNewLimit(usd(60_000))
                .setReason("raise")
                .build());

    assertThat(fx.admin().issueCard(request).getCard().getId()).isEqualTo(first.getId());
    assertThat(
            LedgerFixture.declineReason(
                () ->
                    fx.admin().issueCard(request.toBuilder().setCreditLimit(usd(70_000)).build())))
        .isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(
            LedgerFixture.declineReason(
                () -> fx.admin().issueCard(request.toBuilder().setBillingCycleDay(11).build())))
        .isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(
            LedgerFixture.declineReason(
                () ->
                    fx.admin()
                        .issueCard(
                            request.toBuilder()
                                .setHolderUserId(UUID.randomUUID().toString())
                                .build())))
        .isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(fx.count("select count(*) from ledger.card where issue_key like '%/issue-1'"))
        .isEqualTo(1);
  }
}
