package io.meshdesk.cli.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsRequest;
import io.meshdesk.api.ledger.v1.ListTransactionsResponse;
import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.cli.CliRun;
import io.meshdesk.cli.CliRun.Result;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.cli.dev.DevContext;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.testing.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin commands (tickets, teams, SLA, cards, limits, postings and the CSV import) against one
 * real system started by {@code meshctl dev}, as the demo admin: exit codes and parsed JSON.
 */
class AdminCommandsIT {

  private static final Shutdown shutdown = new Shutdown();
  private static String ticketTarget;
  private static String ledgerTarget;
  private static String adminToken;
  private static ManagedChannel ledger;
  private static String cardId;
  private static DevCommand.Running running;
  private static String password;

  @BeforeAll
  static void startDev() throws Exception {
    DevCommand dev = new DevCommand();
    dev.useFreePorts();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    running = dev.start(shutdown, new PrintStream(out, true, StandardCharsets.UTF_8));
    password = CliRun.demoPassword(out.toString(StandardCharsets.UTF_8));
    ticketTarget = "127.0.0.1:" + running.ticketPort();
    ledgerTarget = "127.0.0.1:" + running.ledgerPort();
    ManagedChannel identity =
        ManagedChannelBuilder.forAddress("127.0.0.1", running.ticketPort()).usePlaintext().build();
    ledger =
        ManagedChannelBuilder.forAddress("127.0.0.1", running.ledgerPort()).usePlaintext().build();
    try {
      adminToken = CliRun.login(identity, "admin@demo.meshdesk.dev", password);
    } finally {
      identity.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    var demoCard =
        LedgerServiceGrpc.newBlockingStub(ledger)
            .withCallCredentials(TestTokens.bearer(adminToken))
            .listCards(ListCardsRequest.getDefaultInstance())
            .getCards(0);
    // A fresh card with room on its limit (the demo cards carry seeded spending).
    cardId =
        json(
                AdminCommandsIT::onLedger,
                "cards",
                "issue",
                "--holder",
                demoCard.getHolderUserId(),
                "--product",
                demoCard.getProductId(),
                "--limit",
                "10000.00")
            .getAsJsonObject("card")
            .get("id")
            .getAsString();
  }

  @AfterAll
  static void stopDev() throws InterruptedException {
    ledger.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    shutdown.close();
  }

  private static Result tickets(String... args) {
    return CliRun.against(ticketTarget, adminToken, args);
  }

  private static Result onLedger(String... args) {
    return CliRun.against(ledgerTarget, adminToken, args);
  }

  /** Runs a command with {@code -o json}, expects exit 0 and returns the parsed document. */
  private static JsonObject json(Function<String[], Result> run, String... args) {
    String[] full = java.util.Arrays.copyOf(args, args.length + 2);
    full[args.length] = "-o";
    full[args.length + 1] = "json";
    Result r = run.apply(full);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return JsonParser.parseString(r.out()).getAsJsonObject();
  }

  @Test
  void after_dev_saves_its_context_commands_find_each_server_with_no_target(@TempDir Path config) {
    System.setProperty(CredentialsStore.DIR_PROPERTY, config.toString());
    try {
      DevContext.save(running, true, new PrintStream(new ByteArrayOutputStream(), true, UTF_8));

      Result login =
          CliRun.withStdin(
              password + "\n", "login", "--email", "admin@demo.meshdesk.dev", "--password-stdin");
      assertThat(login.exit()).as(login.err()).isZero();
      assertThat(config.resolve("credentials-dev.json")).exists();
      // tickets go to the ticket server, cards to the ledger server, kb to the ai-worker
      for (String[] args :
          List.of(
              new String[] {"tickets", "list", "-o", "json"},
              new String[] {"cards", "list", "-o", "json"},
              new String[] {"--context", "dev", "kb", "search", "card", "-o", "json"})) {
        Result r = CliRun.meshctl(args);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        assertThat(JsonParser.parseString(r.out()).isJsonObject()).isTrue();
      }
      CliRun.meshctl("config", "set-context", "elsewhere", "--edge", "127.0.0.1:1");
      Result other = CliRun.meshctl("--context", "elsewhere", "tickets", "list");
      assertThat(other.exit()).isEqualTo(7);
      assertThat(other.err()).startsWith("meshctl: UNAVAILABLE").hasLineCount(1);
    } finally {
      System.clearProperty(CredentialsStore.DIR_PROPERTY);
    }
  }

  @Test
  void an_admin_runs_a_ticket_through_teams_assignment_status_notes_and_history() {
    String team =
        json(AdminCommandsIT::tickets, "teams", "create", "--name", "Billing " + UUID.randomUUID())
            .getAsJsonObject("team")
            .get("id")
            .getAsString();
    String me =
        json(AdminCommandsIT::tickets, "whoami")
            .getAsJsonObject("principal")
            .get("subject_id")
            .getAsString();
    JsonObject created =
        json(
            AdminCommandsIT::tickets,
            "tickets",
            "create",
            "--subject",
            "Card declined abroad",
            "--body",
            "Help",
            "--priority",
            "high",
            "--team",
            team);
    String ticket = created.getAsJsonObject("ticket").get("id").getAsString();

    json(AdminCommandsIT::tickets, "tickets", "assign", ticket, "--to", me);
    JsonObject set =
        json(
            AdminCommandsIT::tickets,
            "tickets",
            "set",
            ticket,
            "--status",
            "pending",
            "--priority",
            "urgent");
    assertThat(set.getAsJsonObject("ticket").get("status").getAsString())
        .isEqualTo("TICKET_STATUS_PENDING");
    json(AdminCommandsIT::tickets, "tickets", "comment", ticket, "--body", "Called", "--internal");

    assertThat(
            json(AdminCommandsIT::tickets, "tickets", "list", "--queue", "mine")
                .getAsJsonArray("tickets")
                .toString())
        .contains(ticket);
    assertThat(
            json(AdminCommandsIT::tickets, "tickets", "history", ticket)
                .getAsJsonArray("entries")
                .toString())
        .contains(
            "TICKET_CHANGE_KIND_ASSIGNEE",
            "TICKET_CHANGE_KIND_STATUS",
            "TICKET_CHANGE_KIND_COMMENT");
    assertThat(
            json(AdminCommandsIT::tickets, "tickets", "comments", ticket)
                .getAsJsonArray("comments")
                .toString())
        .contains("COMMENT_VISIBILITY_INTERNAL");
    assertThat(json(AdminCommandsIT::tickets, "tickets", "queues").has("open_by_priority"))
        .isTrue();
    assertThat(json(AdminCommandsIT::tickets, "teams", "list").getAsJsonArray("teams").toString())
        .contains(team);

    Result csv = tickets("tickets", "get", ticket, "-o", "csv", "--no-headers");
    assertThat(csv.exit()).as(csv.err()).isZero();
    assertThat(csv.out()).startsWith(ticket + ",").contains(",pending,urgent,");

    Result bad = tickets("tickets", "set", ticket, "--status", "sleeping");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err().strip())
        .startsWith("meshctl: --status must be one of")
        .doesNotContain("\n");
  }

  @Test
  void an_admin_sets_the_sla_and_reads_it_back() {
    json(
        AdminCommandsIT::tickets,
        "sla",
        "set",
        "--goal",
        "urgent=1h/4h",
        "--goal",
        "high=4h/1d",
        "--goal",
        "normal=8h/3d",
        "--goal",
        "low=1d/5d");
    Result yaml = tickets("sla", "get", "-o", "yaml");
    assertThat(yaml.exit()).as(yaml.err()).isZero();
    assertThat(yaml.out())
        .contains("policy:", "priority: \"TICKET_PRIORITY_URGENT\"", "first_response: \"3600s\"");
  }

  @Test
  void an_admin_posts_changes_limits_freezes_and_reads_a_card() {
    JsonObject purchase =
        json(
            AdminCommandsIT::onLedger,
            "postings",
            "purchase",
            "--card",
            cardId,
            "--amount",
            "3.21",
            "--merchant",
            "Corner shop");
    String tx = purchase.getAsJsonObject("transaction").get("id").getAsString();
    assertThat(
            json(AdminCommandsIT::onLedger, "transactions", "list", cardId)
                .getAsJsonArray("transactions")
                .toString())
        .contains(tx);

    json(AdminCommandsIT::onLedger, "limits", "set", cardId, "8000.00", "--reason", "review");
    assertThat(
            json(AdminCommandsIT::onLedger, "limits", "history", cardId)
                .getAsJsonArray("changes")
                .toString())
        .contains("\"review\"");
    assertThat(
            json(AdminCommandsIT::onLedger, "cards", "balance", cardId)
                .getAsJsonObject("balance")
                .getAsJsonObject("credit_limit")
                .get("amount_minor")
                .getAsString())
        .isEqualTo("800000");

    json(AdminCommandsIT::onLedger, "cards", "set-status", cardId, "frozen", "--reason", "lost");
    Result declined = onLedger("postings", "purchase", "--card", cardId, "--amount", "1.00");
    assertThat(declined.exit()).isEqualTo(5);
    assertThat(declined.err()).containsIgnoringCase("frozen").doesNotContain("\n\n");
    json(AdminCommandsIT::onLedger, "cards", "set-status", cardId, "active", "--reason", "found");

    assertThat(json(AdminCommandsIT::onLedger, "products", "list").getAsJsonArray("products"))
        .isNotEmpty();
    assertThat(json(AdminCommandsIT::onLedger, "statements", "list", cardId).has("statements"))
        .isTrue();
  }

  @Test
  void an_interrupted_csv_import_resumes_and_posts_every_good_line_exactly_once(@TempDir Path dir)
      throws Exception {
    // 60 data lines (file lines 2..61); line 11 has a bad amount, line 41 an unknown card and
    // line 51 an amount far over the limit.
    List<String> lines = new ArrayList<>(List.of("card_id,type,amount,currency,description"));
    for (int n = 2; n <= 61; n++) {
      String card = n == 41 ? UUID.randomUUID().toString() : cardId;
      String amount = n == 11 ? "1.2.3" : n == 51 ? "900000000.00" : "0.01";
      lines.add(card + ",purchase," + amount + ",USD,Import " + n);
    }
    Path csv = dir.resolve("postings.csv");
    Files.write(csv, lines);
    Path results = dir.resolve("postings.csv.results.csv");

    // when the first run stops after 25 lines and a second run resumes
    Result first =
        onLedger("postings", "import", csv.toString(), "--chunk-size", "10", "--max-lines", "25");
    assertThat(first.exit()).as(first.err()).isEqualTo(5);
    assertThat(first.err()).contains("import: 25/25 (100%)");
    assertThat(Files.readAllLines(results)).hasSize(26);
    Result second = onLedger("postings", "import", csv.toString(), "--chunk-size", "10");
    assertThat(second.exit()).as(second.err()).isEqualTo(5);

    // then every line has exactly one result, and only the three bad lines failed
    Map<String, String> byLine =
        Files.readAllLines(results).stream()
            .skip(1)
            .collect(Collectors.toMap(l -> l.split(",", 2)[0], l -> l.split(",", 2)[1]));
    assertThat(byLine).hasSize(60);
    assertThat(byLine.get("11")).startsWith("invalid,,\"amount must be");
    assertThat(byLine.get("41")).startsWith("declined,,");
    assertThat(byLine.get("51")).startsWith("declined,,");
    assertThat(byLine.values().stream().filter(v -> v.startsWith("posted,"))).hasSize(57);
    assertThat(importedTransactions()).isEqualTo(57);

    // and importing again, even with the result file lost, posts nothing twice
    Files.delete(results);
    onLedger("postings", "import", csv.toString(), "--chunk-size", "30");
    assertThat(importedTransactions()).isEqualTo(57);
  }

  private static long importedTransactions() {
    var stub =
        LedgerServiceGrpc.newBlockingStub(ledger)
            .withCallCredentials(TestTokens.bearer(adminToken));
    long count = 0;
    String token = "";
    do {
      ListTransactionsResponse r =
          stub.listTransactions(
              ListTransactionsRequest.newBuilder()
                  .setCardId(cardId)
                  .setPage(PageRequest.newBuilder().setPageSize(500).setPageToken(token))
                  .build());
      count +=
          r.getTransactionsList().stream()
              .map(Transaction::getIdempotencyKey)
              .filter(k -> k.startsWith("import-"))
              .count();
      token = r.getPage().getNextPageToken();
    } while (!token.isEmpty());
    return count;
  }
}
