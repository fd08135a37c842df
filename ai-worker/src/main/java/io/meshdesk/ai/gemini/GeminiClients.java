package io.meshdesk.ai.gemini;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import java.util.List;

/** Builds the google-genai {@link Client} described by a {@link GeminiConfig}. */
public final class GeminiClients {

  private GeminiClients() {}

  /** A client using Application Default Credentials in Vertex AI mode. */
  public static Client create(GeminiConfig config) {
    return create(config, null);
  }

  /**
   * A client for {@code config}.
   *
   * @param credentials Vertex AI credentials, or null for Application Default Credentials; ignored
   *     in API-key mode
   * @throws IllegalArgumentException when {@code config} is not {@link GeminiConfig#enabled()}
   */
  public static Client create(GeminiConfig config, GoogleCredentials credentials) {
    if (!config.enabled()) {
      throw new IllegalArgumentException(
          "Gemini is not configured: set MESHDESK_GEMINI_PROJECT (Vertex AI) or MESHDESK_GEMINI_API_KEY");
    }
    HttpOptions.Builder http =
        HttpOptions.builder()
            .timeout(Math.toIntExact(config.timeout().toMillis()))
            // GeminiDrafter retries itself, within the draft's deadline and with its own backoff.
            // No status codes as well as one attempt: the SDK's interceptor (2.0.0) otherwise
            // sleeps after a retryable status even when no attempt is left.
            .retryOptions(
                HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build());
    if (config.baseUrl() != null) {
      http.baseUrl(config.baseUrl());
    }
    Client.Builder builder = Client.builder().httpOptions(http.build());
    if (config.vertexAi()) {
      builder.vertexAI(true).project(config.project()).location(config.location());
      if (credentials != null) {
        builder.credentials(credentials);
      }
    } else {
      builder.vertexAI(false).apiKey(config.apiKey());
    }
    return builder.build();
  }
}
