package io.meshdesk.ai.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-JVM sentence model places paraphrases near each other and unrelated text far away. */
class EmbedderTest {

  private static final Embedder EMBEDDER = Embedder.shared();

  @Test
  void paraphrasesAreCloserThanUnrelatedTickets() {
    List<float[]> v =
        EMBEDDER.embedAll(
            List.of(
                "I was charged twice for my subscription this month",
                "There is a duplicate payment on my card for the same plan",
                "How do I export my contacts to a spreadsheet?"));
    assertThat(v).allSatisfy(x -> assertThat(x).hasSize(Embedder.DIMENSIONS));
    double paraphrase = Embedder.similarity(v.get(0), v.get(1));
    double unrelated = Embedder.similarity(v.get(0), v.get(2));
    assertThat(paraphrase).isGreaterThan(unrelated + 0.2);
  }

  @Test
  void oneTextAndABatchAgreeAndVectorsAreNormalized() {
    float[] one = EMBEDDER.embed("My parcel never arrived");
    float[] batch = EMBEDDER.embedAll(List.of("My parcel never arrived")).get(0);
    assertThat(Embedder.similarity(one, batch)).isGreaterThan(0.999);
    assertThat(Embedder.similarity(one, one)).isBetween(0.999, 1.001);
  }
}
