package io.meshdesk.ai.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.assistant.FollowUps.Asked;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline assistant reads a follow-up question against the turn before it. */
class FollowUpsTest {

  static final YearMonth TODAY = YearMonth.of(2025, 4);
  static final YearMonth MARCH = YearMonth.of(2025, 3);

  @Test
  void theMonthBeforeAsksThePreviousQuestionOneMonthEarlier() {
    Asked previous = new Asked(LedgerFunctions.BY_CATEGORY, MARCH, true, "", "");

    Asked asked =
        FollowUps.resolve(
            previous,
            "And the month before?",
            new Asked(LedgerFunctions.COMPARE, TODAY, false, "", ""));

    assertThat(asked.function()).isEqualTo(LedgerFunctions.BY_CATEGORY);
    assertThat(asked.month()).isEqualTo(YearMonth.of(2025, 2));
  }

  @Test
  void theMonthBeforeKeepsThePreviousCategory() {
    Asked previous = new Asked(LedgerFunctions.TRANSACTIONS, MARCH, true, "dining", "");

    Asked asked =
        FollowUps.resolve(
            previous,
            "and the month before?",
            new Asked(LedgerFunctions.TRANSACTIONS, TODAY, false, "", ""));

    assertThat(asked.args()).isEqualTo(Map.of("month", "2025-02", "category", "dining"));
  }

  @Test
  void whatAboutACategoryAsksForItsTransactionsInThePreviousMonth() {
    Asked previous = new Asked(LedgerFunctions.TRANSACTIONS, MARCH, true, "dining", "");

    Asked asked =
        FollowUps.resolve(
            previous,
            "what about groceries?",
            new Asked(LedgerFunctions.BY_CATEGORY, TODAY, false, "groceries", ""));

    assertThat(asked.args()).isEqualTo(Map.of("month", "2025-03", "category", "groceries"));
    assertThat(asked.function()).isEqualTo(LedgerFunctions.TRANSACTIONS);
  }

  @Test
  void aFollowUpAfterABreakdownByCategoryListsThatCategory() {
    Asked previous = new Asked(LedgerFunctions.BY_CATEGORY, MARCH, true, "", "");

    Asked asked =
        FollowUps.resolve(
            previous,
            "And travel?",
            new Asked(LedgerFunctions.BY_CATEGORY, TODAY, false, "travel", ""));

    assertThat(asked.function()).isEqualTo(LedgerFunctions.TRANSACTIONS);
    assertThat(asked.args()).containsEntry("category", "travel").containsEntry("month", "2025-03");
  }

  @Test
  void aFollowUpThatNamesAMonthKeepsTheSubjectAndTakesThatMonth() {
    Asked previous = new Asked(LedgerFunctions.TRANSACTIONS, MARCH, true, "", "amazon");

    Asked asked =
        FollowUps.resolve(
            previous,
            "and in January?",
            new Asked(LedgerFunctions.TRANSACTIONS, YearMonth.of(2025, 1), true, "", ""));

    assertThat(asked.args()).isEqualTo(Map.of("month", "2025-01", "merchant", "amazon"));
  }

  @Test
  void aNewQuestionStandsOnItsOwn() {
    Asked previous = new Asked(LedgerFunctions.TRANSACTIONS, MARCH, true, "dining", "");
    Asked own = new Asked(LedgerFunctions.BALANCE, TODAY, false, "", "");

    assertThat(FollowUps.resolve(previous, "What is my balance?", own)).isEqualTo(own);
    assertThat(FollowUps.resolve(null, "And the month before?", own)).isEqualTo(own);
  }
}
