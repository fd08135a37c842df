package io.meshdesk.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportLineTest {

  private static final String CARD = "0b6c5a8e-3f4d-4c1b-9a7e-2d1f0e9c8b7a";

  @Test
  void a_purchase_line_becomes_a_purchase_keyed_by_file_and_line_number() {
    ImportLine line = ImportLine.parse("f00d", 7, CARD + ",purchase,12.50,USD,\"Cafe, Main St\"");
    assertThat(line.error()).isNull();
    var purchase = line.operation().getPurchase();
    assertThat(purchase.getAmount().getAmountMinor()).isEqualTo(1250);
    assertThat(purchase.getMerchant().getName()).isEqualTo("Cafe, Main St");
    assertThat(purchase.getIdempotencyKey()).isEqualTo("import-f00d-7");
  }

  @Test
  void bad_amount_type_or_card_make_the_line_invalid_with_the_field_named() {
    assertThat(ImportLine.parse("f", 2, CARD + ",purchase,12.345,USD,x").error())
        .startsWith("amount must be an amount with at most 2 decimals");
    assertThat(ImportLine.parse("f", 2, CARD + ",purchase,-3,USD,x").error())
        .startsWith("amount must be positive");
    assertThat(ImportLine.parse("f", 2, CARD + ",gift,3,USD,x").error()).startsWith("type must be");
    assertThat(ImportLine.parse("f", 2, "nope,purchase,3,USD,x").error())
        .startsWith("card_id must be");
  }
}
