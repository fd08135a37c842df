package io.meshdesk.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.api.reminder.v1.ListReminderRulesResponse;
import io.meshdesk.api.reminder.v1.ReminderRule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ListCommandTest {

  private static final ListReminderRulesResponse RULES =
      ListReminderRulesResponse.newBuilder()
          .addRules(
              ReminderRule.newBuilder()
                  .setId("r1")
                  .setCardId("c1")
                  .addDaysBefore(7)
                  .setTimeZone("Europe/Berlin"))
          .setPage(PageResponse.newBuilder().setNextPageToken("next"))
          .build();

  /** Lists a fixed page of rules, as a real list command lists the server's page. */
  @Command(name = "rules")
  static final class FixedRules extends ListCommand<ReminderRule> {
    PageRequest asked;

    @Override
    protected Page<ReminderRule> fetch(PageRequest request) {
      asked = request;
      return new Page<>(RULES.getRulesList(), RULES.getPage(), RULES);
    }

    @Override
    protected Object[] headers() {
      return new Object[] {"RULE", "CARD", "LAST_ERROR"};
    }

    @Override
    protected Object[] cells(ReminderRule r) {
      return new Object[] {r.getId(), r.getCardId(), "a, b"};
    }
  }

  private static String run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(new CommandLine(new FixedRules()).execute(args)).isZero();
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void tableAlignsTheRowsUnderTheHeadersAndNoHeadersLeavesThemOut() {
    assertThat(run().lines().toList())
        .containsExactly("RULE  CARD  LAST_ERROR", "r1    c1    a, b");
    assertThat(run("--no-headers").lines().toList()).containsExactly("r1    c1    a, b");
  }

  @Test
  void csvQuotesCellsUnderLowerCaseHeaders() {
    assertThat(run("-o", "csv")).isEqualTo("rule,card,last_error\r\nr1,c1,\"a, b\"\r\n");
    assertThat(run("-o", "csv", "--no-headers")).isEqualTo("r1,c1,\"a, b\"\r\n");
  }

  @Test
  void jsonAndYamlPrintTheWholeResponseWithSnakeCaseFieldNames() {
    assertThat(run("-o", "json"))
        .contains(
            "\"card_id\": \"c1\"",
            "\"days_before\": [7]",
            "\"time_zone\": \"Europe/Berlin\"",
            "\"next_page_token\": \"next\"")
        .doesNotContain("cardId");
    assertThat(run("-o", "yaml"))
        .contains(
            "rules:\n  - id: \"r1\"\n", "    card_id: \"c1\"\n", "  next_page_token: \"next\"");
  }

  @Test
  void limitIsThePageSizeAsked() {
    FixedRules command = new FixedRules();
    PrintStream old = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      new CommandLine(command).execute("--limit", "7", "--page-token", "t");
    } finally {
      System.setOut(old);
    }
    assertThat(command.asked.getPageSize()).isEqualTo(7);
    assertThat(command.asked.getPageToken()).isEqualTo("t");
  }
}
