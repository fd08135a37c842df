package io.meshdesk.ai.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings computed in this JVM: all-MiniLM-L6-v2 (quantized, 384 dimensions), shipped
 * inside a Maven artifact and run by ONNX Runtime, so nothing is downloaded and no text leaves the
 * process. Vectors are L2-normalized, so a dot product is the cosine similarity. Thread-safe.
 */
public final class Embedder implements TextEmbedder {

  /** Names the model and its version; stored beside vectors so a model change forces a re-index. */
  public static final String MODEL = "all-minilm-l6-v2-q@1.19.0-beta29";

  /** Vector length. */
  public static final int DIMENSIONS = 384;

  private final AllMiniLmL6V2QuantizedEmbeddingModel model =
      new AllMiniLmL6V2QuantizedEmbeddingModel();

  /**
   * The embedder of this JVM, loaded on first use. Loading the model takes seconds and its weights
   * take memory, so servers in one JVM ({@code meshctl dev}) and tests share it.
   */
  public static Embedder shared() {
    return Shared.INSTANCE;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public float[] embed(String text) {
    return normalize(model.embed(text.isBlank() ? "(empty)" : text).content().vector());
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) {
      segments.add(TextSegment.from(t.isBlank() ? "(empty)" : t));
    }
    List<float[]> out = new ArrayList<>(texts.size());
    model.embedAll(segments).content().forEach(e -> out.add(normalize(e.vector())));
    return out;
  }

  /** Cosine similarity of two normalized vectors. */
  public static double similarity(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }

  /** Holds the shared instance; the class loads on the first call to {@link #shared()}. */
  private static final class Shared {
    static final Embedder INSTANCE = new Embedder();
  }

  private static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      return v;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
