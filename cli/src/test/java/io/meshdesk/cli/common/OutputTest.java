package io.meshdesk.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.CardStatus;
import io.meshdesk.api.ledger.v1.ListCardsResponse;
import io.meshdesk.cli.common.ClientOptions.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTest {

  private static final ListCardsResponse CARDS =
      ListCardsResponse.newBuilder()
          .addCards(
              Card.newBuilder()
                  .setId("c1")
                  .setHolderUserId("u1")
                  .setStatus(CardStatus.CARD_STATUS_FROZEN)
                  .setCreditLimit(Money.newBuilder().setAmountMinor(500050).setCurrency("USD")))
          .build();

  private static String print(OutputFormat format, boolean headers) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      new Output(format, headers).list(CARDS, "cards");
    } finally {
      System.setOut(old);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void json_and_yaml_use_the_proto_snake_case_field_names() {
    assertThat(print(OutputFormat.json, true))
        .contains("\"holder_user_id\": \"u1\"", "\"amount_minor\": \"500050\"")
        .doesNotContain("holderUserId");
    assertThat(print(OutputFormat.yaml, true))
        .contains(
            "cards:\n  - id: \"c1\"\n",
            "    holder_user_id: \"u1\"\n",
            "    status: \"CARD_STATUS_FROZEN\"\n",
            "    credit_limit:\n      amount_minor: \"500050\"\n      currency: \"USD\"\n");
  }

  @Test
  void table_and_csv_show_one_row_per_item_with_short_words_and_money() {
    assertThat(print(OutputFormat.table, true).lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("ID  PRODUCT_ID  HOLDER_USER_ID  STATUS");
    assertThat(print(OutputFormat.table, true)).contains("frozen", "5000.50 USD");
    assertThat(print(OutputFormat.csv, true))
        .startsWith("id,product_id,holder_user_id,status,credit_limit,")
        .contains("\r\nc1,-,u1,frozen,5000.50 USD,");
  }

  @Test
  void no_headers_leaves_out_the_header_line_of_table_and_csv() {
    assertThat(print(OutputFormat.table, false)).startsWith("c1 ");
    assertThat(print(OutputFormat.csv, false)).startsWith("c1,");
  }

  @Test
  void csv_quotes_cells_holding_commas_or_quotes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Table("a", "b")
        .row("x,y", "say \"hi\"")
        .printCsv(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\"x,y\",\"say \"\"hi\"\"\"\r\n");
  }
}
