package io.meshdesk.ai.worker;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;

/**
 * How many similar solved tickets and likely duplicates a suggestion carries, read from {@code
 * MESHDESK_AI_*} variables.
 *
 * @param similarLimit similar solved tickets per suggestion ({@code MESHDESK_AI_SIMILAR_LIMIT},
 *     default 3, 0 turns them off)
 * @param duplicateLimit likely duplicates per suggestion ({@code MESHDESK_AI_DUPLICATE_LIMIT},
 *     default 3, 0 turns them off)
 * @param duplicateThreshold minimum cosine similarity of two tickets' sentence embeddings for the
 *     older one to count as a likely duplicate ({@code MESHDESK_AI_DUPLICATE_THRESHOLD}, default
 *     0.6: with the bundled model, rewordings of one card problem score about 0.6 to 0.9 and
 *     different card problems about 0.1 to 0.45)
 * @param candidates the requester's most recent unsolved tickets compared per job (default 50)
 */
public record RelatedConfig(
    int similarLimit, int duplicateLimit, double duplicateThreshold, int candidates) {

  public RelatedConfig {
    if (similarLimit < 0 || similarLimit > 10 || duplicateLimit < 0 || duplicateLimit > 10) {
      throw new IllegalArgumentException("similar and duplicate limits must be within 0..10");
    }
    if (!(duplicateThreshold >= 0 && duplicateThreshold <= 1)) {
      throw new IllegalArgumentException("duplicateThreshold must be within 0..1");
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1");
    }
  }

  /** The defaults. */
  public static RelatedConfig defaults() {
    return fromEnv(new Env(java.util.Map.of()));
  }

  /** Reads the {@code MESHDESK_AI_SIMILAR_LIMIT}, {@code ..._DUPLICATE_*} variables. */
  public static RelatedConfig fromEnv(Env env) {
    return new RelatedConfig(
        env.integer("MESHDESK_AI_SIMILAR_LIMIT", 3, 0, 10),
        env.integer("MESHDESK_AI_DUPLICATE_LIMIT", 3, 0, 10),
        threshold(env.string("MESHDESK_AI_DUPLICATE_THRESHOLD", "0.6")),
        50);
  }

  private static double threshold(String value) {
    try {
      double t = Double.parseDouble(value.strip());
      if (t >= 0 && t <= 1) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        "MESHDESK_AI_DUPLICATE_THRESHOLD", "must be a number within 0..1, got '" + value + "'");
  }
}
