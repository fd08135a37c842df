package io.meshdesk.ai.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureCheckTest {

  private static final FunctionResult BALANCE =
      new FunctionResult(
          "get_balance",
          Map.of(
              "cards",
              List.of(
                  Map.of(
                      "balance", "1234.50 USD",
                      "available_credit", "8765.50 USD",
                      "payment_due_date", "2025-04-15"))),
          List.of(),
          "",
          false);

  @Test
  void acceptsFiguresWrittenInAnotherFormat() {
    String text =
        "You owe $1,234.50 (1.234,5 in Europe) and have 8765.5 USD left; pay by 15 April 2025.";

    assertThat(FigureCheck.unconfirmed(text, List.of(BALANCE), List.of())).isEmpty();
  }

  @Test
  void namesANumberNoResultContains() {
    assertThat(
            FigureCheck.unconfirmed(
                "You owe 1234.50 USD and spent 99.99 USD on coffee.", List.of(BALANCE), List.of()))
        .contains("99.99");
    assertThat(FigureCheck.unconfirmed("You owe 1234.51 USD.", List.of(BALANCE), List.of()))
        .contains("1234.51");
  }

  @Test
  void acceptsNumbersTheUserWroteAndListNumbering() {
    String text = "1. Your balance is 1234.50 USD.\n2. You asked about the last 3 months.";

    assertThat(FigureCheck.unconfirmed(text, List.of(BALANCE), List.of("the last 3 months?")))
        .isEmpty();
    assertThat(FigureCheck.unconfirmed(text, List.of(BALANCE), List.of())).contains("3");
  }

  @Test
  void aRefusalConfirmsNothing() {
    FunctionResult refused = FunctionResult.refusal("get_balance", "that card is not yours");

    assertThat(FigureCheck.unconfirmed("It is 75.00 USD.", List.of(refused), List.of()))
        .contains("75.00");
  }
}
