package io.meshdesk.ledger;

import static io.meshdesk.ledger.LedgerFixture.shop;
import static io.meshdesk.ledger.LedgerFixture.usd;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statements closed through the database match the worked examples of docs/ledger-statements.md. */
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
    fx.admin().purchase(PurchaseRequest.newBuilder().setCardId(card).setAmount(usd(amount)).setMerchant(shop())
        .setIdempotencyKey("p-" + card + "-" + instant).build());
  }

  private static Statement latest(String card) {
    String id = fx.admin().listStatements(ListStatementsRequest.newBuilder().setCardId(card).build())
        .getStatements(0).getId();
    return fx.admin().getStatement(GetStatementRequest.newBuilder().setStatementId(id).build()).getStatement();
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
    fx.admin().payment(PaymentRequest.newBuilder().setCardId(card).setAmount(usd(80_000)).setIdempotencyKey("pay-ex2").build());
    fx.clock.set("2025-05-12T09:00:00Z");
    fx.admin().cashAdvance(CashAdvanceRequest.newBuilder().setCardId(card).setAmount(usd(20_000))
        .setIdempotencyKey("cash-ex2").build());
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
    assertThat(s.getLinesList()).extracting(l -> l.getType()).containsExactly(TransactionType.TRANSACTION_TYPE_PURCHASE,
        TransactionType.TRANSACTION_TYPE_PAYMENT, TransactionType.TRANSACTION_TYPE_CASH_ADVANCE,
        TransactionType.TRANSACTION_TYPE_INTEREST);
    assertThat(fx.admin().listStatements(ListStatementsRequest.newBuilder().setCardId(card).build())
        .getStatementsCount()).isEqualTo(2);
    assertThat(balance(card)).isEqualTo(35_064);
    assertThat(fx.admin().audit(AuditRequest.newBuilder().setCardId(card).build()).getSummary().getPassed()).isTrue();
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
    assertThat(s.getLinesList()).extracting(l -> l.getPostedDate()).containsExactly(date(2025, 5, 10), date(2025, 5, 15));
    assertThat(s.getLinesList()).allSatisfy(l -> assertThat(l.getTransactionId()).isNotEmpty());
    assertThat(balance(card)).isEqualTo(5_552);
    assertThat(fx.admin().audit(AuditRequest.newBuilder().setCardId(card).build()).getSummary().getPassed()).isTrue();
    assertThat(fx.statements.dueBetween(fx.tenant, java.time.LocalDate.of(2025, 6, 1), java.time.LocalDate.of(2025, 6, 30)))
        .anySatisfy(d -> assertThat(d.remainingMinimumMinor()).isEqualTo(2_608));
  }

  @Test
  void demoSeedBuildsMonthsOfHistoryThatPassTheAudit() {
    UUID tenant = UUID.randomUUID();
    UUID demoHolder = UUID.randomUUID();
    DemoLedgerSeed seed = new DemoLedgerSeed(fx.database.dataSource(),
        java.time.Clock.fixed(java.time.Instant.parse("2025-09-10T12:00:00Z"), java.time.ZoneOffset.UTC));
    List<UUID> cards = seed.seed(tenant, demoHolder);
    seed.seed(tenant, demoHolder);

    var stub = fx.as(tenant, UUID.randomUUID(), io.meshdesk.platform.auth.Role.ADMIN);
    assertThat(cards).hasSize(3);
    assertThat(stub.listStatements(ListStatementsRequest.newBuilder().setCardId(cards.get(0).toString()).build())
        .getStatementsCount()).isGreaterThanOrEqualTo(3);
    assertThat(stub.audit(AuditRequest.getDefaultInstance()).getSummary().getPassed()).isTrue();
  }

  private static long balance(String card) {
    return fx.admin().getBalance(GetBalanceRequest.newBuilder().setCardId(card).build()).getBalance()
        .getPostedBalance().getAmountMinor();
  }

  private static LocalDate date(int y, int m, int d) {
    return LocalDate.newBuilder().setYear(y).setMonth(m).setDay(d).build();
  }
}
