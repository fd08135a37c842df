package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.CardNetwork;
import io.meshdesk.api.ledger.v1.CardProduct;
import io.meshdesk.api.ledger.v1.CreateCardProductRequest;
import io.meshdesk.api.ledger.v1.GetCardProductRequest;
import io.meshdesk.api.ledger.v1.IssueCardRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListCardProductsRequest;
import io.meshdesk.api.ledger.v1.ListCardProductsResponse;
import io.meshdesk.api.ledger.v1.MinimumPaymentRule;
import io.meshdesk.api.ledger.v1.UpdateCreditLimitRequest;
import io.meshdesk.ledger.cards.ProductStore;
import io.meshdesk.ledger.domain.ProductView;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.db.Transactions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  @Test
  void productsAreListedByNameAcrossPagesAndReadBackAsDefined() {
    LedgerServiceBlockingStub admin = fx.as(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN);
    // Created in an order other than their names'.
    String platinum = LedgerFixture.product(admin, "Platinum");
    fx.clock.advance(Duration.ofSeconds(1));
    String gold = LedgerFixture.product(admin, "Gold");
    fx.clock.advance(Duration.ofSeconds(1));
    LedgerFixture.product(admin, "Basic");

    ListCardProductsResponse first = listProducts(admin, "");
    ListCardProductsResponse second = listProducts(admin, first.getPage().getNextPageToken());

    assertThat(first.getProductsList())
        .extracting(CardProduct::getName)
        .containsExactly("Basic", "Gold");
    assertThat(second.getProductsList()).extracting(CardProduct::getId).containsExactly(platinum);
    assertThat(second.getPage().getNextPageToken()).isEmpty();
    CardProduct read =
        admin
            .getCardProduct(GetCardProductRequest.newBuilder().setProductId(gold).build())
            .getProduct();
    assertThat(read.getCurrency()).isEqualTo("USD");
    assertThat(List.of(read.getPurchaseAprBps(), read.getCashAdvanceAprBps(), read.getGraceDays()))
        .containsExactly(1825, 2920, 25);
    assertThat(read.getMinPayment().getFloor().getAmountMinor()).isEqualTo(2500);
    assertThat(read.getMinPayment().getPercentBps()).isEqualTo(100);
    assertThat(read.getLateFee().getAmountMinor()).isEqualTo(4000);
  }

  @Test
  void aSecondProductOfTheSameNameIsAlreadyExistsAndWritesNothing() {
    assertThatThrownBy(() -> fx.product("Classic"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
    assertThat(fx.count("select count(*) from ledger.card_product where name = 'Classic'"))
        .isEqualTo(1);
  }

  @Test
  void anotherTenantsProductIsNotFoundNorListed() {
    LedgerServiceBlockingStub other = fx.as(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN);

    assertThatThrownBy(
            () ->
                other.getCardProduct(
                    GetCardProductRequest.newBuilder().setProductId(product).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThat(listProducts(other, "").getProductsList()).isEmpty();
  }

  private static ListCardProductsResponse listProducts(
      LedgerServiceBlockingStub stub, String token) {
    return stub.listCardProducts(
        ListCardProductsRequest.newBuilder()
            .setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(token))
            .build());
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

  @Test
  void aClosedProductStoreHasClosedItsSessionFactoryAndFailsClearlyWhenUsed() {
    UUID id = UUID.fromString(product);
    Transactions tx = new Transactions(fx.database.dataSource());
    ProductStore store = new ProductStore(fx.database.dataSource());
    Optional<ProductView> before = tx.inTenant(fx.tenant, c -> store.find(c, fx.tenant, id));
    assertThat(before).isPresent();

    store.close();

    assertThatThrownBy(() -> tx.inTenant(fx.tenant, c -> store.find(c, fx.tenant, id)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
