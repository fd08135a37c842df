package io.meshdesk.ai.embedding;

import java.util.List;

/**
 * Turns text into L2-normalized vectors of {@link #dimensions()} floats, so a dot product is the
 * cosine similarity. {@link #model()} names the model and its version: vectors of different models
 * are not comparable, so an index records it and re-embeds when it changes.
 */
public interface TextEmbedder {

  /** The model and its version, e.g. {@code all-minilm-l6-v2-q@1.19.0-beta29}. */
  String model();

  /** Vector length. */
  int dimensions();

  /** The embedding of one text. */
  float[] embed(String text);

  /** The embeddings of several texts, in order, computed as one batch. */
  List<float[]> embedAll(List<String> texts);
}
