package io.meshdesk.ai.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.embedding.TextEmbedder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 and HNSW vectors fused by reciprocal rank, per tenant, kept in step with the model. */
class HybridRetrievalTest {

  private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
  private static final String PARAPHRASE = "Somebody took money from my account without asking me";

  private static KnowledgeIndex index;

  @BeforeAll
  static void build() {
    index = KnowledgeIndex.inMemory(Embedder.shared());
    index.upsertAll(documents(TENANT));
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
  }

  /** The fraud ticket comes last, so a meaningless ranking (ties by position) puts it last. */
  static List<IndexEntry> documents(UUID tenant) {
    return List.of(
        new IndexEntry(
            tenant,
            RetrievedDocument.Kind.RESOLVED_TICKET,
            "t-password",
            "Password reset email never arrives",
            "I requested a password reset but no email came.",
            "Check the spam folder, then request the reset again."),
        new IndexEntry(
            tenant,
            RetrievedDocument.Kind.ARTICLE,
            "a-export",
            "Exporting reports to CSV",
            "Open Reports, choose a date range and press Export to download a CSV file.",
            ""),
        new IndexEntry(
            tenant,
            RetrievedDocument.Kind.RESOLVED_TICKET,
            "t-fraud",
            "Unauthorized charge on my card",
            "There is a payment I never made on my credit card statement.",
            "We blocked the card, disputed the charge and sent a replacement card."));
  }

  @Test
  void hybridSearchFindsAParaphraseThatBm25Misses() {
    List<String> words =
        index.searchWords(TENANT, PARAPHRASE, 5).stream().map(RetrievedDocument::id).toList();
    List<RetrievedDocument> hybrid = index.search(TENANT, PARAPHRASE, 5);

    assertThat(words).doesNotContain("t-fraud");
    assertThat(hybrid.getFirst().id()).isEqualTo("t-fraud");
    assertThat(hybrid.getFirst().similarity()).isGreaterThan(0.3);
  }

  @Test
  void vectorSearchNeverReturnsAnotherTenantsDocuments() {
    assertThat(index.search(OTHER, PARAPHRASE, 5)).isEmpty();
    assertThat(index.similarTickets(OTHER, PARAPHRASE, 5)).isEmpty();
  }

  @Test
  void similarTicketsListsSolvedTicketsOnlyMostSimilarFirst() {
    List<SimilarTicket> similar = index.similarTickets(TENANT, PARAPHRASE, 5);

    assertThat(similar)
        .extracting(SimilarTicket::ticketId)
        .containsExactly("t-fraud", "t-password");
    assertThat(similar.get(0).similarity()).isGreaterThan(similar.get(1).similarity());
  }

  @Test
  void anIndexBuiltWithAnotherModelIsReembeddedWhenOpened(@TempDir Path dir) throws Exception {
    TextEmbedder constant = new ConstantEmbedder("some-older-model@0.1");
    try (KnowledgeIndex old = KnowledgeIndex.open(dir, constant)) {
      old.upsertAll(documents(TENANT));
    }

    try (KnowledgeIndex reopened = KnowledgeIndex.open(dir, Embedder.shared())) {
      assertThat(reopened.searchVectors(TENANT, Embedder.shared().embed(PARAPHRASE), 3))
          .first()
          .extracting(RetrievedDocument::id)
          .isEqualTo("t-fraud");
    }
    try (var writer =
        new IndexWriter(
            FSDirectory.open(dir),
            new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      assertThat(ModelChange.storedModel(writer)).isEqualTo(Embedder.MODEL);
    }
  }

  /** A "model" mapping every text to the same vector, so its ranking is meaningless. */
  private record ConstantEmbedder(String model) implements TextEmbedder {
    @Override
    public int dimensions() {
      return Embedder.DIMENSIONS;
    }

    @Override
    public float[] embed(String text) {
      float[] v = new float[Embedder.DIMENSIONS];
      Arrays.fill(v, (float) (1 / Math.sqrt(Embedder.DIMENSIONS)));
      return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      return texts.stream().map(this::embed).toList();
    }
  }
}
