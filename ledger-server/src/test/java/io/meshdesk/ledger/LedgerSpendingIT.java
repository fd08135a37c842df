package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.ledger.v1.CategorySpending;
import io.meshdesk.api.ledger.v1.CategoryTrend;
import io.meshdesk.api.ledger.v1.ChargeFlag;
import io.meshdesk.api.ledger.v1.GetSpendingRequest;
import io.meshdesk.api.ledger.v1.GetSpendingResponse;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListUnusualChargesRequest;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.MonthSpending;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.RefundRequest;
import io.meshdesk.api.ledger.v1.UnusualCharge;
import io.meshdesk.platform.auth.Role;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expense analysis over real postings: spending by category with its trend, unusual charges, and
 * who may see them.
 */
class LedgerSpendingIT {

  static LedgerFixture fx;
  static String product;

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("ledgerspending");
    product = fx.product("Classic");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static Merchant merchant(String name, String mcc) {
    return Merchant.newBuilder().setName(name).setMcc(mcc).build();
  }

  private static String buy(
      LedgerServiceBlockingStub stub, String card, String at, long minor, Merchant m) {
    fx.clock.set(at);
    return stub.purchase(
            PurchaseRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(minor))
                .setMerchant(m)
                .setIdempotencyKey("p-" + UUID.randomUUID())
                .build())
        .getResult()
        .getTransaction()
        .getId();
  }

  private static void refund(LedgerServiceBlockingStub stub, String card, String txn, long minor) {
    stub.refund(
        RefundRequest.newBuilder()
            .setCardId(card)
            .setOriginalTransactionId(txn)
            .setAmount(usd(minor))
            .setIdempotencyKey("r-" + UUID.randomUUID())
            .build());
  }

  @Test
  void holderSeesSpendingPerCategoryAndMonthWithTheLastMonthsTrend() {
    UUID holder = UUID.randomUUID();
    fx.clock.set("2025-01-05T12:00:00Z"); // postings are never dated before the card's first cycle
    String card = fx.card(product, holder, 1_000_000, 1);
    var admin = fx.admin();
    Merchant market = merchant("Corner Market", "5411");
    buy(admin, card, "2025-02-10T12:00:00Z", 4_000, market);
    String feb = buy(admin, card, "2025-03-10T12:00:00Z", 6_000, market);
    refund(admin, card, feb, 1_000);
    buy(admin, card, "2025-04-03T12:00:00Z", 8_000, market);
    buy(admin, card, "2025-04-04T12:00:00Z", 2_000, merchant("Noodle Bar", "5812"));
    buy(admin, card, "2025-05-01T12:00:00Z", 9_900, market);

    GetSpendingResponse r =
        fx.as(fx.tenant, holder, Role.CUSTOMER)
            .getSpending(
                GetSpendingRequest.newBuilder()
                    .setCardId(card)
                    .setFromMonth("2025-01")
                    .setToMonth("2025-04")
                    .build());

    assertThat(r.getMonthsList())
        .extracting(MonthSpending::getMonth, m -> m.getTotal().getAmountMinor())
        .containsExactly(
            tuple("2025-01", 0L),
            tuple("2025-02", 4_000L),
            tuple("2025-03", 5_000L),
            tuple("2025-04", 10_000L));
    assertThat(r.getMonths(2).getCategoriesList())
        .extracting(
            CategorySpending::getCategory,
            c -> c.getAmount().getAmountMinor(),
            CategorySpending::getTransactionCount)
        .containsExactly(tuple("groceries", 5_000L, 2));
    assertThat(r.getMonths(3).getCategoriesList())
        .extracting(CategorySpending::getCategory)
        .containsExactly("groceries", "dining");
    // groceries: 80.00 against the mean of 0, 40.00 and 50.00 = 30.00
    CategoryTrend groceries = r.getTrends(0);
    assertThat(groceries.getCategory()).isEqualTo("groceries");
    assertThat(groceries.getCurrent()).isEqualTo(usd(8_000));
    assertThat(groceries.getBaseline()).isEqualTo(usd(3_000));
    assertThat(groceries.getDelta()).isEqualTo(usd(5_000));
    assertThat(groceries.getPercentChange()).isEqualTo(166.7);
    assertThat(r.getTrends(1).getCategory()).isEqualTo("dining");
    assertThat(r.getTrends(1).hasPercentChange()).isFalse();
  }

  @Test
  void flagsADuplicateChargeButNotOneThatWasRefunded() {
    UUID holder = UUID.randomUUID();
    fx.clock.set("2025-05-30T12:00:00Z");
    String card = fx.card(product, holder, 1_000_000, 1);
    var admin = fx.admin();
    Merchant streamflix = merchant("STREAMFLIX", "4899");
    String first = buy(admin, card, "2025-06-01T20:00:00Z", 4_999, streamflix);
    String second = buy(admin, card, "2025-06-01T20:03:00Z", 4_999, streamflix);
    Merchant cinema = merchant("Cinema", "7832");
    buy(admin, card, "2025-06-02T20:00:00Z", 1_200, cinema);
    String again = buy(admin, card, "2025-06-02T20:01:00Z", 1_200, cinema);
    refund(admin, card, again, 1_200);

    List<UnusualCharge> flagged =
        fx.as(fx.tenant, holder, Role.CUSTOMER)
            .listUnusualCharges(
                ListUnusualChargesRequest.newBuilder()
                    .setCardId(card)
                    .setSince(Timestamp.newBuilder().setSeconds(1_748_000_000L))
                    .build())
            .getChargesList();

    assertThat(flagged)
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.getTransaction().getId()).isEqualTo(second);
              assertThat(u.getFlag()).isEqualTo(ChargeFlag.CHARGE_FLAG_DUPLICATE);
              assertThat(u.getRelatedTransactionId()).isEqualTo(first);
              assertThat(u.getCategory()).isEqualTo("subscriptions");
              assertThat(u.getTransaction().getMerchant().getName()).isEqualTo("STREAMFLIX");
            });
  }

  @Test
  void anotherCustomerCannotAnalyseTheCard() {
    String card = fx.card(product, UUID.randomUUID(), 100_000, 1);
    var stranger = fx.as(fx.tenant, UUID.randomUUID(), Role.CUSTOMER);

    assertThatThrownBy(
            () ->
                stranger.getSpending(
                    GetSpendingRequest.newBuilder()
                        .setCardId(card)
                        .setFromMonth("2025-01")
                        .setToMonth("2025-02")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(
            () ->
                stranger.listUnusualCharges(
                    ListUnusualChargesRequest.newBuilder().setCardId(card).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void aRangeEndingBeforeItStartsIsInvalidNamingToMonth() {
    String card = fx.card(product, UUID.randomUUID(), 100_000, 1);

    assertThatThrownBy(
            () ->
                fx.admin()
                    .getSpending(
                        GetSpendingRequest.newBuilder()
                            .setCardId(card)
                            .setFromMonth("2025-03")
                            .setToMonth("2025-02")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("to_month");
            });
  }
}
