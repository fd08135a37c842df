package io.meshdesk.ai.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KnowledgeIndexTest {

  private static final UUID TENANT_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID TENANT_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  private KnowledgeIndex index;

  @BeforeEach
  void openIndex() {
    index = KnowledgeIndex.inMemory();
    index.upsertTicketResolution(
        TENANT_A,
        "t-refund",
        "Charged twice for my subscription",
        "My credit card was charged twice for the monthly subscription.",
        "We refunded the duplicate charge; it shows on your statement within 5 business days.");
    index.upsertTicketResolution(
        TENANT_A,
        "t-password",
        "Password reset email never arrives",
        "I requested a password reset but no email came.",
        "Check the spam folder and add no-reply@example.com to your contacts, then request again.");
    index.upsertArticle(
        TENANT_A,
        "a-export",
        "Exporting reports to CSV",
        "Open Reports, choose a date range and press Export to download a CSV file.");
  }

  @AfterEach
  void closeIndex() throws Exception {
    index.close();
  }

  @Test
  void findsTheResolvedTicketMostSimilarToTheQueryFirst() {
    List<RetrievedDocument> hits =
        index.search(TENANT_A, "I was charged two times for my subscription this month", 5);

    assertThat(hits).isNotEmpty();
    RetrievedDocument top = hits.get(0);
    assertThat(top.id()).isEqualTo("t-refund");
    assertThat(top.kind()).isEqualTo(Kind.RESOLVED_TICKET);
    assertThat(top.title()).isEqualTo("Charged twice for my subscription");
    assertThat(top.resolution()).contains("refunded the duplicate charge");
    assertThat(top.score()).isPositive();
  }

  @Test
  void returnsArticlesWithTheirTitleAndBody() {
    List<RetrievedDocument> hits = index.search(TENANT_A, "how do I export a report as csv?", 5);

    assertThat(hits)
        .first()
        .satisfies(
            hit -> {
              assertThat(hit.id()).isEqualTo("a-export");
              assertThat(hit.kind()).isEqualTo(Kind.ARTICLE);
              assertThat(hit.text()).contains("press Export");
              assertThat(hit.resolution()).isEmpty();
            });
  }

  @Test
  void ordersResultsBestFirstAndRespectsTheLimit() {
    index.upsertArticle(
        TENANT_A, "a-1", "Refund policy", "Refunds for a charge are issued within days.");
    index.upsertArticle(TENANT_A, "a-2", "Invoices", "A charge appears on the invoice.");

    List<RetrievedDocument> hits = index.search(TENANT_A, "refund charge", 2);

    assertThat(hits).hasSize(2);
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
  }

  @Test
  void titleMatchesOutrankBodyOnlyMatches() {
    index.upsertArticle(TENANT_B, "in-body", "General notes", "Something about webhooks here.");
    index.upsertArticle(TENANT_B, "in-title", "Webhooks", "General notes here about something.");

    List<RetrievedDocument> hits = index.search(TENANT_B, "webhooks", 5);

    assertThat(hits).extracting(RetrievedDocument::id).containsExactly("in-title", "in-body");
  }

  @Test
  void tenantNeverSeesAnotherTenantsDocumentsEvenWithIdenticalText() {
    index.upsertTicketResolution(
        TENANT_B,
        "b-refund",
        "Charged twice for my subscription",
        "My credit card was charged twice for the monthly subscription.",
        "Tenant B's private resolution.");
    index.upsertArticle(TENANT_B, "b-export", "Exporting reports to CSV", "Tenant B article.");

    List<RetrievedDocument> forA =
        index.search(TENANT_A, "charged twice subscription exporting reports csv", 10);
    List<RetrievedDocument> forB =
        index.search(TENANT_B, "charged twice subscription exporting reports csv", 10);

    assertThat(forA).extracting(RetrievedDocument::id).containsOnly("t-refund", "a-export");
    assertThat(forB).extracting(RetrievedDocument::id).containsOnly("b-refund", "b-export");
    assertThat(index.search(UUID.randomUUID(), "charged twice subscription", 10)).isEmpty();
  }

  @Test
  void sameIdInTwoTenantsStaysSeparateOnUpdateAndDelete() {
    index.upsertArticle(TENANT_B, "a-export", "Exporting reports to CSV", "Tenant B article.");

    index.delete(TENANT_B, "a-export");

    assertThat(index.search(TENANT_A, "exporting reports", 5))
        .extracting(RetrievedDocument::id)
        .contains("a-export");
    assertThat(index.search(TENANT_B, "exporting reports", 5)).isEmpty();
  }

  @Test
  void searchWithoutTenantIsRefused() {
    assertThatNullPointerException().isThrownBy(() -> index.search(null, "refund", 5));
  }

  @Test
  void updatingAnArticleChangesSearchResultsImmediately() {
    assertThat(index.search(TENANT_A, "spreadsheet xlsx", 5)).isEmpty();

    index.upsertArticle(
        TENANT_A,
        "a-export",
        "Exporting reports to a spreadsheet",
        "Reports can now be exported as XLSX files.");

    List<RetrievedDocument> hits = index.search(TENANT_A, "spreadsheet xlsx", 5);
    assertThat(hits).extracting(RetrievedDocument::id).containsExactly("a-export");
    assertThat(hits.get(0).title()).isEqualTo("Exporting reports to a spreadsheet");
    assertThat(index.search(TENANT_A, "csv", 5)).isEmpty();
  }

  @Test
  void updatingAResolutionReplacesItRatherThanAddingADuplicate() {
    index.upsertTicketResolution(
        TENANT_A,
        "t-password",
        "Password reset email never arrives",
        "I requested a password reset but no email came.",
        "We re-sent the reset link from a new mail server.");

    List<RetrievedDocument> hits = index.search(TENANT_A, "password reset email", 10);
    assertThat(hits).extracting(RetrievedDocument::id).containsOnlyOnce("t-password");
    assertThat(hits.get(0).resolution())
        .isEqualTo("We re-sent the reset link from a new mail server.");
  }

  @Test
  void deletingRemovesTheDocumentFromResults() {
    index.delete(TENANT_A, "t-refund");

    assertThat(index.search(TENANT_A, "charged twice subscription", 5))
        .extracting(RetrievedDocument::id)
        .doesNotContain("t-refund");
    index.delete(TENANT_A, "does-not-exist");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "the and of", "?!.,;:", "\u0000\u0001"})
  void textWithoutSearchableWordsYieldsNothing(String text) {
    assertThat(index.search(TENANT_A, text, 5)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "title:(charged AND \"twice",
        "charged* twice~2 ^3 [a TO z} {",
        "+-&&||!(){}[]^\"~*?:\\/ charged",
        "charged \\ twice / OR NOT AND",
        "charged\ttwice\n\n\r\nsubscription 💳😡 ÄÖÜ ñ 中文"
      })
  void queriesWithSpecialCharactersStillMatchTheirWords(String text) {
    assertThat(index.search(TENANT_A, text, 5))
        .extracting(RetrievedDocument::id)
        .contains("t-refund");
  }

  @Test
  void veryLongQueriesAreAccepted() {
    String longText = "charged twice ".repeat(2_000) + String.join(" ", words(3_000));

    assertThat(index.search(TENANT_A, longText, 5))
        .extracting(RetrievedDocument::id)
        .contains("t-refund");
  }

  @Test
  void concurrentWritersAndReadersSeeEveryWrite() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    String id = "w" + writer + "n" + i; // one token per id
                    index.upsertArticle(TENANT_B, id, "Concurrency " + id, "parallel writes");
                    assertThat(index.search(TENANT_B, id, 1))
                        .extracting(RetrievedDocument::id)
                        .containsExactly(id);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(index.search(TENANT_B, "parallel writes", 1_000)).hasSize(200);
  }

  @Test
  void indexOnDiskKeepsDocumentsAcrossReopen(@TempDir Path dir) throws Exception {
    try (KnowledgeIndex onDisk = KnowledgeIndex.open(dir)) {
      onDisk.upsertArticle(TENANT_A, "a-disk", "Durable article", "Kept across restarts.");
    }

    try (KnowledgeIndex reopened = KnowledgeIndex.open(dir)) {
      assertThat(reopened.search(TENANT_A, "durable restarts", 5))
          .extracting(RetrievedDocument::id)
          .containsExactly("a-disk");
      assertThat(reopened.search(TENANT_B, "durable restarts", 5)).isEmpty();
    }
  }

  private static List<String> words(int n) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      words.add("word" + i);
    }
    return words;
  }
}
