package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.api.common.v1.LocalDate;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.CashAdvanceRequest;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.GetStatementRequest;
import io.meshdesk.api.ledger.v1.ListStatementsRequest;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.Statement;
import io.meshdesk.api.ledger.v1.TransactionType;
import io.meshdesk.ledger.billing.StatementService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements closed through the database match the worked examples of docs/ledger-statements.md.
 */
class LedgerStatementIT {

  static LedgerFixture fx;
  static String product;
  static final UUID holder = UUID.randomUUID();

  @BeforeAll
  static void start() {
    fx = new LedgerFixture("ledgerstatement");
    fx.clock.set("2025-03-20T10:00:00Z");
    product = fx.product("Worked examples");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static void purchaseOn(String card, String instant, long amount) {
    fx.clock.set(instant);
    fx.admin()
        .purchase(
            PurchaseRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(amount))
                .setMerchant(shop())
                .setIdempotencyKey("p-" + card + "-" + instant)
                .build());
  }

  private static Statement latest(String card) {
    String id =
        fx.admin()
            .listStatements(ListStatementsRequest.newBuilder().setCardId(card).build())
            .getStatements(0)
            .getId();
    return fx.admin()
        .getStatement(GetStatementRequest.newBuilder().setStatementId(id).build())
        .getStatement();
  }

  private static void closeThrough(String date) {
    fx.statements.closeDueCycles(fx.tenant, java.time.LocalDate.parse(date));
  }

  @Test
  void example2GraceHonouredMatchesTheDocumentToTheCent() {
    fx.clock.set("2025-03-20T10:00:00Z");
    String card = fx.card(product, holder, 500_000, 15);
    purchaseOn(card, "2025-04-01T09:00:00Z", 80_000);
    closeThrough("2025-04-16");
    assertThat(latest(card).getMinimumPayment().getAmountMinor()).isEqualTo(2_500);

    purchaseOn(card, "2025-04-18T09:00:00Z", 15_000);
    fx.clock.set("2025-05-08T09:00:00Z");
    fx.admin()
        .payment(
            PaymentRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(80_000))
                .setIdempotencyKey("pay-ex2")
                .build());
    fx.clock.set("2025-05-12T09:00:00Z");
    fx.admin()
        .cashAdvance(
            CashAdvanceRequest.newBuilder()
                .setCardId(card)
                .setAmount(usd(20_000))
                .setIdempotencyKey("cash-ex2")
                .build());
    closeThrough("2025-05-16");
    closeThrough("2025-05-16"); // closing again changes nothing

    Statement s = latest(card);
    assertThat(s.getPeriodStart()).isEqualTo(date(2025, 4, 16));
    assertThat(s.getPeriodEnd()).isEqualTo(date(2025, 5, 15));
    assertThat(s.getPreviousBalance().getAmountMinor()).isEqualTo(80_000);
    assertThat(s.getPaymentsAndCredits().getAmountMinor()).isEqualTo(80_000);
    assertThat(s.getPurchases().getAmountMinor()).isEqualTo(15_000);
    assertThat(s.getCashAdvances().getAmountMinor()).isEqualTo(20_000);
    assertThat(s.getInterest().getAmountMinor()).isEqualTo(64);
    assertThat(s.getNewBalance().getAmountMinor()).isEqualTo(35_064);
    assertThat(s.getMinimumPayment().getAmountMinor()).isEqualTo(2_500);
    assertThat(s.getDueDate()).isEqualTo(date(2025, 6, 9));
    assertThat(s.getLinesList())
        .extracting(l -> l.getType())
        .containsExactly(
            TransactionType.TRANSACTION_TYPE_PURCHASE,
            TransactionType.TRANSACTION_TYPE_PAYMENT,
            TransactionType.TRANSACTION_TYPE_CASH_ADVANCE,
            TransactionType.TRANSACTION_TYPE_INTEREST);
    assertThat(
            fx.admin()
                .listStatements(ListStatementsRequest.newBuilder().setCardId(card).build())
                .getStatementsCount())
        .isEqualTo(2);
    assertThat(balance(card)).isEqualTo(35_064);
    assertThat(
            fx.admin()
                .audit(AuditRequest.newBuilder().setCardId(card).build())
                .getSummary()
                .getPassed())
        .isTrue();
  }

  @Test
  void example4LateFeeCappedAtTheMinimumAndHalfEvenInterestMatchTheDocument() {
    fx.clock.set("2025-03-20T10:00:00Z");
    String card = fx.card(product, holder, 500_000, 15);
    purchaseOn(card, "2025-04-01T09:00:00Z", 3_000);
    closeThrough("2025-04-16");
    closeThrough("2025-05-16");

    Statement s = latest(card);
    assertThat(s.getPreviousBalance().getAmountMinor()).isEqualTo(3_000);
    assertThat(s.getFees().getAmountMinor()).isEqualTo(2_500);
    assertThat(s.getInterest().getAmountMinor()).isEqualTo(52);
    assertThat(s.getNewBalance().getAmountMinor()).isEqualTo(5_552);
    assertThat(s.getMinimumPayment().getAmountMinor()).isEqualTo(2_608);
    assertThat(s.getLinesList())
        .extracting(l -> l.getPostedDate())
        .containsExactly(date(2025, 5, 10), date(2025, 5, 15));
    assertThat(s.getLinesList()).allSatisfy(l -> assertThat(l.getTransactionId()).isNotEmpty());
    assertThat(balance(card)).isEqualTo(5_552);
    assertThat(
            fx.admin()
                .audit(AuditRequest.newBuilder().setCardId(card).build())
                .getSummary()
                .getPassed())
        .isTrue();
    assertThat(
            fx.statements.dueBetween(
                fx.tenant, java.time.LocalDate.of(2025, 6, 1), java.time.LocalDate.of(2025, 6, 30)))
        .anySatisfy(d -> assertThat(d.remainingMinimumMinor()).isEqualTo(2_608));
  }

  @Test
  void aClientKeyShapedLikeASystemKeyAndOneBrokenCardDoNotStopTheOtherClosings() {
    UUID tenant = UUID.randomUUID();
    var stub = fx.as(tenant, UUID.randomUUID(), io.meshdesk.platform.auth.Role.ADMIN);
    fx.clock.set("2025-03-20T10:00:00Z");
    String good =
        LedgerFixture.card(stub, LedgerFixture.product(stub, "Good"), holder, 500_000, 15);
    String brokenProduct = LedgerFixture.product(stub, "Broken");
    String broken = LedgerFixture.card(stub, brokenProduct, holder, 500_000, 15);
    for (String card : List.of(good, broken)) {
      fx.clock.set("2025-04-01T09:00:00Z");
      stub.purchase(
          PurchaseRequest.newBuilder()
              .setCardId(card)
              .setAmount(usd(3_000))
              .setMerchant(shop())
              .setIdempotencyKey("sys-" + card)
              .build());
    }
    fx.statements.closeDueCycles(tenant, java.time.LocalDate.parse("2025-04-16"));
    // a client's own keys shaped "close:<card>:<due date>:<charge>" must not collide with the
    // closing's late fee and interest
    fx.clock.set("2025-04-20T09:00:00Z");
    for (String slug : List.of("late-fee", "interest-purchase", "interest-cash")) {
      stub.purchase(
          PurchaseRequest.newBuilder()
              .setCardId(good)
              .setAmount(usd(1))
              .setMerchant(shop())
              .setIdempotencyKey("close:" + good + ":2025-05-15:" + slug)
              .build());
    }
    // and cannot take the system's own shape, which has spaces
    assertThatThrownBy(
            () ->
                stub.purchase(
                    PurchaseRequest.newBuilder()
                        .setCardId(good)
                        .setAmount(usd(1))
                        .setMerchant(shop())
                        .setIdempotencyKey("close " + good + " 2025-05-15 late-fee")
                        .build()))
        .isInstanceOfSatisfying(
            io.grpc.StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT));
    // a product row the rules refuse makes that card's close fail
    fx.asOwner(
        tenant,
        "update ledger.card_product set grace_days = 40 where id = '" + brokenProduct + "'");

    StatementService.CloseRun run =
        fx.statements.closeDueCycles(tenant, java.time.LocalDate.parse("2025-05-16"));

    assertThat(run.failedCards()).containsExactly(UUID.fromString(broken));
    assertThat(run.created())
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.cardId()).isEqualTo(UUID.fromString(good));
              assertThat(st.feesMinor()).isEqualTo(2_500);
              assertThat(st.interestMinor()).isPositive();
            });
    assertThat(
            fx.count(
                tenant,
                "select count(*) from ledger.txn where card_id = '"
                    + good
                    + "' and idempotency_key = 'close "
                    + good
                    + " 2025-05-15 late-fee'"))
        .isEqualTo(1);
    // repaired, the card closes on the next run
    fx.asOwner(
        tenant,
        "update ledger.card_product set grace_days = 25 where id = '" + brokenProduct + "'");
    run = fx.statements.closeDueCycles(tenant, java.time.LocalDate.parse("2025-05-16"));
    assertThat(run.failedCards()).isEmpty();
    assertThat(run.created())
        .extracting(st -> st.cardId())
        .containsExactly(UUID.fromString(broken));
    assertThat(stub.audit(AuditRequest.getDefaultInstance()).getSummary().getPassed()).isTrue();
  }

  @Test
  void aPostingAfterTheCloseDatedInsideTheClosedPeriodIsBilledOnTheNextStatement() {
    UUID tenant = UUID.randomUUID();
    var stub = fx.as(tenant, UUID.randomUUID(), io.meshdesk.platform.auth.Role.ADMIN);
    fx.clock.set("2025-04-20T10:00:00Z");
    String card =
        LedgerFixture.card(stub, LedgerFixture.product(stub, "Zoned"), holder, 500_000, 15);
    // a tenant at UTC+10 closes the cycle ending 2025-05-15 at 00:15 local: 14:15 UTC on the 15th
    fx.clock.set("2025-05-15T14:15:00Z");
    fx.statements.closeDueCycles(tenant, java.time.LocalDate.parse("2025-05-16"));
    // 45 minutes later it is still the 15th in UTC
    fx.clock.set("2025-05-15T15:00:00Z");
    stub.purchase(
        PurchaseRequest.newBuilder()
            .setCardId(card)
            .setAmount(usd(4_200))
            .setMerchant(shop())
            .setIdempotencyKey("late-in-utc")
            .build());

    assertThat(
            fx.count(
                tenant,
                "select count(*) from ledger.txn where card_id = '"
                    + card
                    + "' and posted_date = '2025-05-16'"))
        .isEqualTo(1);
    fx.clock.set("2025-06-15T14:15:00Z");
    fx.statements.closeDueCycles(tenant, java.time.LocalDate.parse("2025-06-16"));
    String latest =
        stub.listStatements(ListStatementsRequest.newBuilder().setCardId(card).build())
            .getStatements(0)
            .getId();
    Statement s =
        stub.getStatement(GetStatementRequest.newBuilder().setStatementId(latest).build())
            .getStatement();
    assertThat(s.getPeriodStart()).isEqualTo(date(2025, 5, 16));
    assertThat(s.getPurchases().getAmountMinor()).isEqualTo(4_200);
    assertThat(
            stub.audit(AuditRequest.newBuilder().setCardId(card).build()).getSummary().getPassed())
        .isTrue();
  }

  @Test
  void auditReportsAStatementWhoseLinesDifferFromTheirTransactions() {
    UUID tenant = UUID.randomUUID();
    var stub = fx.as(tenant, UUID.randomUUID(), io.meshdesk.platform.auth.Role.ADMIN);
    fx.clock.set("2025-04-01T09:00:00Z");
    String card =
        LedgerFixture.card(stub, LedgerFixture.product(stub, "Audited"), holder, 500_000, 15);
    stub.purchase(
        PurchaseRequest.newBuilder()
            .setCardId(card)
            .setAmount(usd(7_000))
            .setMerchant(shop())
            .setIdempotencyKey("audited-1")
            .build());
    fx.statements.closeDueCycles(tenant, java.time.LocalDate.parse("2025-04-16"));
    AuditRequest request = AuditRequest.newBuilder().setCardId(card).build();
    assertThat(stub.audit(request).getSummary().getPassed()).isTrue();
    // the statement is made internally consistent but no longer equals the transaction it bills
    fx.asOwner(tenant, "update ledger.statement_line set amount_minor = amount_minor + 100");
    fx.asOwner(
        tenant,
        "update ledger.statement set purchases_minor = purchases_minor + 100,"
            + " new_balance_minor = new_balance_minor + 100");

    assertThat(stub.audit(request).getViolationsList())
        .extracting(v -> v.getKind())
        .containsExactly(io.meshdesk.api.ledger.v1.ViolationKind.VIOLATION_KIND_STATEMENT_MISMATCH);
  }

  private static long balance(String card) {
    return fx.admin()
        .getBalance(GetBalanceRequest.newBuilder().setCardId(card).build())
        .getBalance()
        .getPostedBalance()
        .getAmountMinor();
  }

  private static LocalDate date(int y, int m, int d) {
    return LocalDate.newBuilder().setYear(y).setMonth(m).setDay(d).build();
  }
}
