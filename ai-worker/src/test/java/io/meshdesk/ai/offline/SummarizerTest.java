package io.meshdesk.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummarizerTest {

  private final Summarizer summarizer = new Summarizer();

  @Test
  void keepsTheSentencesAboutTheProblemAndDropsGreetings() {
    String body =
        """
        Hi team,
        I hope you are well. Since Monday the CSV export of the sales report fails with an \
        error. The export worked fine last week. We need the sales report export for our \
        board meeting. The weather here is lovely by the way.
        Thanks,
        Anna\
        """;

    String summary = summarizer.summarize("CSV export of sales report fails", body);

    assertThat(summary).contains("CSV export of the sales report fails with an error");
    assertThat(summary).doesNotContain("Hi team").doesNotContain("Anna");
    assertThat(summary.length()).isLessThanOrEqualTo(Summarizer.MAX_CHARS);
  }

  @Test
  void staysWithinTheLengthLimitForLongTickets() {
    String body =
        "The invoice total is wrong because the discount was not applied. ".repeat(40)
            + ("An extremely long sentence about the invoice " + "and the discount ".repeat(60))
            + ".";

    String summary = summarizer.summarize("Invoice discount", body);

    assertThat(summary).isNotBlank();
    assertThat(summary.length()).isLessThanOrEqualTo(Summarizer.MAX_CHARS);
  }

  @Test
  void keepsTheOriginalSentenceOrder() {
    String body = "The invoice is wrong. Nothing else matters. The invoice discount is missing.";

    String summary = summarizer.summarize("Invoice discount missing", body);

    assertThat(summary).startsWith("The invoice is wrong.").endsWith("discount is missing.");
  }

  @Test
  void dropsAGreetingThatOpensTheFirstSentence() {
    assertThat(summarizer.summarize("Double charge", "Hi, I see two charges on my card."))
        .isEqualTo("I see two charges on my card.");
  }

  @Test
  void fallsBackToTheSubjectWhenTheBodyHasNoContent() {
    assertThat(summarizer.summarize("Refund request", "Hi, thanks!")).isEqualTo("Refund request");
    assertThat(summarizer.summarize("", "")).isEmpty();
  }
}
