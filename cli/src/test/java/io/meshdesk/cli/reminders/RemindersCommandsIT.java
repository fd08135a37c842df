package io.meshdesk.cli.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.reminder.v1.CreateReminderRuleRequest;
import io.meshdesk.api.reminder.v1.ReminderChannel;
import io.meshdesk.api.reminder.v1.ReminderKind;
import io.meshdesk.api.reminder.v1.ReminderRule;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.cli.CliRun;
import io.meshdesk.cli.CliRun.Result;
import io.meshdesk.cli.Meshctl;
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
 * {@code meshctl reminders dlq|retry|deliveries|rules} against the real system started by {@code
 * meshctl dev}, signed in as the demo admin and the demo customer.
 */
class RemindersCommandsIT {

  private static final Shutdown shutdown = new Shutdown();
  private static String ledgerTarget;
  private static String adminToken;
  private static String customerToken;
  private static String cardId;
  private static ReminderRule rule;

  @BeforeAll
  static void startDevAndCreateARule() throws Exception {
    DevCommand dev = new DevCommand();
    dev.useFreePorts();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DevCommand.Running running =
        dev.start(shutdown, new PrintStream(out, true, StandardCharsets.UTF_8));
    String password = CliRun.demoPassword(out.toString(StandardCharsets.UTF_8));
    ledgerTarget = "127.0.0.1:" + running.ledgerPort();

    ManagedChannel identity = plaintext(running.ticketPort());
    ManagedChannel ledger = plaintext(running.ledgerPort());
    try {
      adminToken = CliRun.login(identity, "admin@demo.meshdesk.dev", password);
      customerToken = CliRun.login(identity, "customer@demo.meshdesk.dev", password);
      cardId =
          LedgerServiceGrpc.newBlockingStub(ledger)
              .withCallCredentials(TestTokens.bearer(customerToken))
              .listCards(ListCardsRequest.getDefaultInstance())
              .getCards(0)
              .getId();
      rule =
          ReminderServiceGrpc.newBlockingStub(ledger)
              .withCallCredentials(TestTokens.bearer(customerToken))
              .createReminderRule(
                  CreateReminderRuleRequest.newBuilder()
                      .setCardId(cardId)
                      .setKind(ReminderKind.REMINDER_KIND_DAYS_BEFORE_DUE)
                      .addDaysBefore(7)
                      .addDaysBefore(3)
                      .setChannel(ReminderChannel.REMINDER_CHANNEL_EMAIL)
                      .setDestination("customer@demo.meshdesk.dev")
                      .setTimeZone("Europe/Berlin")
                      .build())
              .getRule();
    } finally {
      identity.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      ledger.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stopDev() {
    shutdown.close();
  }

  private static ManagedChannel plaintext(int port) {
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** Runs meshctl against the ledger server with {@code token}. */
  private static Result meshctl(String token, String... args) {
    return CliRun.against(ledgerTarget, token, args);
  }

  @Test
  void rulesTableListsTheCustomersRuleWithItsDaysChannelAndZone() {
    Result r = meshctl(customerToken, "reminders", "rules");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow())
        .startsWith("RULE")
        .contains("CARD", "KIND", "DAYS", "CHANNEL", "ZONE", "QUIET");
    assertThat(r.out().lines().filter(l -> l.startsWith(rule.getId())))
        .singleElement()
        .asString()
        .contains(cardId, "DAYS_BEFORE_DUE", "7,3", "EMAIL", "Europe/Berlin")
        .endsWith("-");
  }

  @Test
  void rulesAsJsonPrintTheResponseWithSnakeCaseFieldNamesFilteredByCard() {
    Result r = meshctl(customerToken, "reminders", "rules", "--card", cardId, "--output", "json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonObject response = JsonParser.parseString(r.out()).getAsJsonObject();
    assertThat(response.has("page")).isTrue();
    JsonObject json =
        response.getAsJsonArray("rules").asList().stream()
            .map(JsonElement::getAsJsonObject)
            .filter(o -> o.get("id").getAsString().equals(rule.getId()))
            .findFirst()
            .orElseThrow();
    assertThat(json.get("card_id").getAsString()).isEqualTo(cardId);
    assertThat(json.get("kind").getAsString()).isEqualTo("REMINDER_KIND_DAYS_BEFORE_DUE");
    assertThat(json.get("days_before").toString()).isEqualTo("[7,3]");
    assertThat(json.get("channel").getAsString()).isEqualTo("REMINDER_CHANNEL_EMAIL");
    assertThat(json.get("time_zone").getAsString()).isEqualTo("Europe/Berlin");
  }

  @Test
  void deliveriesOfTheCustomersCardPrintsATable() {
    Result r = meshctl(customerToken, "reminders", "deliveries", cardId);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow())
        .startsWith("DELIVERY")
        .contains("KIND", "CHANNEL", "OUTCOME", "ATTEMPTS", "DUE", "LATENCY", "LAST_ERROR");
  }

  @Test
  void deliveriesWithAnUnknownOutcomeIsAOneLineUsageError() {
    Result r = meshctl(customerToken, "reminders", "deliveries", cardId, "--outcome", "lost");

    assertThat(r.exit()).isEqualTo(Meshctl.EXIT_USAGE);
    assertThat(r.err().strip())
        .isEqualTo(
            "meshctl: --outcome must be pending, retrying, delivered, dead_lettered or cancelled");
  }

  @Test
  void dlqAsAdminPrintsATable() {
    Result r = meshctl(adminToken, "reminders", "dlq");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow())
        .startsWith("DEAD_LETTER")
        .contains("DELIVERY", "CARD", "ATTEMPTS", "RETRY", "REASON");
  }

  @Test
  void dlqAsCustomerIsDeniedWithOneLine() {
    Result r = meshctl(customerToken, "reminders", "dlq");

    assertThat(r.exit()).isEqualTo(4);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).startsWith("meshctl: PERMISSION_DENIED").doesNotContain("\n");
  }

  @Test
  void retryOfAnUnknownDeadLetterIsNotFoundWithOneLine() {
    Result r = meshctl(adminToken, "reminders", "retry", UUID.randomUUID().toString());

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).startsWith("meshctl: NOT_FOUND").doesNotContain("\n");
  }
}
