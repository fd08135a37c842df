package io.meshdesk.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.GetBalanceRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.ledger.v1.ListStatementsRequest;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.cli.CliRun;
import io.meshdesk.cli.CliRun.Result;
import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code meshctl ledger reverse|audit} against the real system started by {@code meshctl dev}: the
 * demo admin returns a payment of the demo customer's card, and the audit stays clean.
 */
class LedgerCommandsIT {

  private static final Shutdown shutdown = new Shutdown();
  private static ManagedChannel ledger;
  private static String ledgerTarget;
  private static String adminToken;
  private static String customerToken;
  private static String cardId;

  @BeforeAll
  static void startDev() throws Exception {
    DevCommand dev = new DevCommand();
    dev.useFreePorts();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DevCommand.Running running =
        dev.start(shutdown, new PrintStream(out, true, StandardCharsets.UTF_8));
    String password = CliRun.demoPassword(out.toString(StandardCharsets.UTF_8));
    ledgerTarget = "127.0.0.1:" + running.ledgerPort();
    ManagedChannel identity =
        ManagedChannelBuilder.forAddress("127.0.0.1", running.ticketPort()).usePlaintext().build();
    ledger =
        ManagedChannelBuilder.forAddress("127.0.0.1", running.ledgerPort()).usePlaintext().build();
    try {
      adminToken = CliRun.login(identity, "admin@demo.meshdesk.dev", password);
      customerToken = CliRun.login(identity, "customer@demo.meshdesk.dev", password);
    } finally {
      identity.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    cardId = admin().listCards(ListCardsRequest.getDefaultInstance()).getCards(0).getId();
  }

  @AfterAll
  static void stopDev() throws InterruptedException {
    ledger.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    shutdown.close();
  }

  private static LedgerServiceGrpc.LedgerServiceBlockingStub admin() {
    return LedgerServiceGrpc.newBlockingStub(ledger)
        .withCallCredentials(TestTokens.bearer(adminToken));
  }

  /** Runs meshctl against the ledger server with {@code token}. */
  private static Result meshctl(String token, String... args) {
    return CliRun.against(ledgerTarget, token, args);
  }

  private static long postedBalance() {
    return admin()
        .getBalance(GetBalanceRequest.newBuilder().setCardId(cardId).build())
        .getBalance()
        .getPostedBalance()
        .getAmountMinor();
  }

  @Test
  void aReturnedPaymentIsReversedOnceRetriesAnswerTheFirstResultAndTheAuditStaysClean() {
    // given a payment of 12.34 on the demo card
    String payment =
        admin()
            .payment(
                PaymentRequest.newBuilder()
                    .setCardId(cardId)
                    .setAmount(Money.newBuilder().setAmountMinor(1234).setCurrency("USD"))
                    .setIdempotencyKey("cli-it-payment-" + UUID.randomUUID())
                    .build())
            .getResult()
            .getTransaction()
            .getId();
    long before = postedBalance();
    String key = "cli-it-reverse-" + UUID.randomUUID();

    // when the admin reverses it
    Result first =
        meshctl(
            adminToken,
            "ledger",
            "reverse",
            "--card",
            cardId,
            "--transaction",
            payment,
            "--reason",
            "payment returned: insufficient funds",
            "--idempotency-key",
            key);

    // then the balance owes the payment again, once, whatever the retries
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("posted PAYMENT_REVERSAL 12.34 USD reversing " + payment);
    assertThat(postedBalance()).isEqualTo(before + 1234);
    Result retry =
        meshctl(
            adminToken,
            "ledger",
            "reverse",
            "--card",
            cardId,
            "--transaction",
            payment,
            "--reason",
            "payment returned: insufficient funds",
            "--idempotency-key",
            key,
            "--output",
            "json");
    assertThat(retry.exit()).as(retry.err()).isZero();
    assertThat(retry.out())
        .contains("\"replayed\": true", "\"type\": \"TRANSACTION_TYPE_PAYMENT_REVERSAL\"");
    assertThat(retry.err()).contains("idempotency key: " + key);
    Result again =
        meshctl(
            adminToken,
            "ledger",
            "reverse",
            "--card",
            cardId,
            "--transaction",
            payment,
            "--reason",
            "once more");
    assertThat(again.exit()).isEqualTo(5);
    assertThat(again.err().strip())
        .startsWith("meshctl: FAILED_PRECONDITION")
        .contains("ALREADY_REVERSED")
        .doesNotContain("\tat ");
    assertThat(postedBalance()).isEqualTo(before + 1234);

    Result audit = meshctl(adminToken, "ledger", "audit");
    assertThat(audit.exit()).as(audit.out() + audit.err()).isZero();
    assertThat(audit.out()).contains("audit PASSED: 0 violation(s)");
    Result json = meshctl(adminToken, "ledger", "audit", "--card", cardId, "--output", "json");
    assertThat(json.out())
        .contains("\"passed\": true", "\"violation_count\": \"0\"", "\"cards_checked\": \"1\"");
  }

  @Test
  void customersMayNotReverseAndBadIdsAreRefusedNamingTheField() {
    Result denied =
        meshctl(
            customerToken,
            "ledger",
            "reverse",
            "--card",
            cardId,
            "--transaction",
            UUID.randomUUID().toString(),
            "--reason",
            "please");
    assertThat(denied.exit()).isEqualTo(4);
    assertThat(denied.err().strip()).startsWith("meshctl: PERMISSION_DENIED");

    Result bad =
        meshctl(
            adminToken,
            "ledger",
            "reverse",
            "--card",
            cardId,
            "--transaction",
            "not-a-uuid",
            "--reason",
            "typo");
    assertThat(bad.exit()).isEqualTo(5);
    assertThat(bad.err().strip())
        .startsWith("meshctl: INVALID_ARGUMENT")
        .contains("original_transaction_id");

    Result missing =
        meshctl(adminToken, "ledger", "reverse", "--card", cardId, "--reason", "no transaction");
    assertThat(missing.exit()).isEqualTo(2);
  }

  @Test
  void aCustomersPendingPaymentCountsOnlyOnceSettledAndAReturnedOneNever() {
    // given two payment instructions of the demo customer, pending and so not yet counted
    long before = postedBalance();
    String settled = customerPays(2000);
    String returned = customerPays(3000);
    assertThat(postedBalance()).isEqualTo(before);

    // when the admin settles one and marks the other returned
    Result settle = meshctl(adminToken, "ledger", "settle", settled, "--outcome", "settled");
    assertThat(settle.exit()).as(settle.err()).isZero();
    assertThat(settle.out())
        .startsWith("payment " + settled + " of 20.00 USD on card " + cardId + ": settled;");
    Result ret =
        meshctl(
            adminToken, "ledger", "settle", returned, "--outcome", "returned", "--output", "json");
    assertThat(ret.exit()).as(ret.err()).isZero();
    assertThat(ret.out())
        .contains("\"status\": \"PENDING_PAYMENT_STATUS_RETURNED\"", "\"amount_minor\": \"3000\"");

    // then only the settled one is posted, once, however often it is repeated
    assertThat(postedBalance()).isEqualTo(before - 2000);
    assertThat(meshctl(adminToken, "ledger", "settle", settled, "--outcome", "settled").exit())
        .isZero();
    assertThat(postedBalance()).isEqualTo(before - 2000);
    Result flip = meshctl(adminToken, "ledger", "settle", settled, "--outcome", "returned");
    assertThat(flip.exit()).isEqualTo(5);
    assertThat(flip.err().strip())
        .startsWith("meshctl: FAILED_PRECONDITION")
        .endsWith("[PAYMENT_NOT_PENDING]");
  }

  @Test
  void customersMayNotSettleAndAnUnknownOutcomeIsAUsageError() {
    String pending = customerPays(100);
    Result denied = meshctl(customerToken, "ledger", "settle", pending, "--outcome", "settled");
    assertThat(denied.exit()).isEqualTo(4);
    assertThat(denied.err().strip()).startsWith("meshctl: PERMISSION_DENIED");
    Result bad = meshctl(adminToken, "ledger", "settle", pending, "--outcome", "maybe");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--outcome").contains("maybe");
  }

  /** A payment instruction of the demo customer; returns the pending payment's id. */
  private static String customerPays(long minor) {
    return LedgerServiceGrpc.newBlockingStub(ledger)
        .withCallCredentials(TestTokens.bearer(customerToken))
        .payment(
            PaymentRequest.newBuilder()
                .setCardId(cardId)
                .setAmount(Money.newBuilder().setAmountMinor(minor).setCurrency("USD"))
                .setIdempotencyKey("cli-it-pending-" + UUID.randomUUID())
                .build())
        .getPendingPayment()
        .getId();
  }

  @Test
  void auditProgressGoesToStandardErrorAndTheJsonOnStandardOutputStillParses() throws Exception {
    Result json = meshctl(adminToken, "ledger", "audit", "--output", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    AuditResponse.Builder parsed = AuditResponse.newBuilder();
    JsonFormat.parser().merge(json.out(), parsed);
    assertThat(parsed.getSummary().getPassed()).isTrue();
    assertThat(parsed.getSummary().getCardsChecked()).isPositive();
    assertThat(json.err()).contains("audit: 0/", "cards; hash chains (1/8), 0 violation(s)");

    Result quiet = meshctl(adminToken, "ledger", "audit", "--quiet");
    assertThat(quiet.exit()).isZero();
    assertThat(quiet.out()).contains("audit PASSED: 0 violation(s)");
    assertThat(quiet.err()).doesNotContain("audit:");
  }

  @Test
  void customersMayNotAuditTheLedger() {
    Result r = meshctl(customerToken, "ledger", "audit");
    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.err().strip()).startsWith("meshctl: PERMISSION_DENIED");
  }

  @Test
  void theDemoCustomerSeesTheDuplicateSubscriptionChargeAndSpendingByCategory() {
    // the demo seed charges STREAMFLIX twice three minutes apart on one of the customer's cards
    String flagged = null;
    for (var card : admin().listCards(ListCardsRequest.getDefaultInstance()).getCardsList()) {
      Result r = meshctl(customerToken, "anomalies", card.getId(), "--output", "json");
      assertThat(r.exit()).as(r.err()).isZero();
      if (r.out().contains("STREAMFLIX")) {
        assertThat(flagged).isNull();
        flagged = card.getId();
        assertThat(r.out()).contains("\"flag\": \"CHARGE_FLAG_DUPLICATE\"", "\"4999\"");
      }
    }
    assertThat(flagged).as("a card with the demo's duplicate charge").isNotNull();

    Result table = meshctl(customerToken, "anomalies", flagged);
    assertThat(table.out()).contains("STREAMFLIX", "49.99 USD", "duplicate");
    Result spending = meshctl(customerToken, "spending", flagged);
    assertThat(spending.exit()).as(spending.err()).isZero();
    assertThat(spending.out()).contains("subscriptions", "total");
    Result bad = meshctl(customerToken, "spending", flagged, "--from", "2025-13");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err().strip())
        .isEqualTo("meshctl: --from must be a month such as 2025-01, got '2025-13'");
  }

  @Test
  void demoCardsHaveMonthsOfStatementsAndStayWithinTheirCreditLimits() {
    var cards = admin().listCards(ListCardsRequest.getDefaultInstance()).getCardsList();

    assertThat(cards).hasSize(3);
    for (var card : cards) {
      var balance =
          admin()
              .getBalance(GetBalanceRequest.newBuilder().setCardId(card.getId()).build())
              .getBalance();
      assertThat(balance.getPostedBalance().getAmountMinor())
          .as("posted balance of card %s", card.getId())
          .isLessThanOrEqualTo(balance.getCreditLimit().getAmountMinor());
      assertThat(balance.getAvailableCredit().getAmountMinor())
          .as("available credit of card %s", card.getId())
          .isPositive();
      assertThat(
              admin()
                  .listStatements(
                      ListStatementsRequest.newBuilder().setCardId(card.getId()).build())
                  .getStatementsCount())
          .as("statements of card %s", card.getId())
          .isGreaterThanOrEqualTo(3);
    }
  }
}
