package io.meshdesk.ai.gemini;

import io.meshdesk.ai.resilience.Retry;
import io.meshdesk.platform.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the Gemini drafter, read from {@code MESHDESK_GEMINI_*} variables.
 *
 * <p>Vertex AI mode is used when {@code project} is set (credentials from Application Default
 * Credentials); otherwise, when {@code apiKey} is set, the Gemini Developer API. With neither the
 * drafter is disabled ({@link #enabled()} is false) and the offline drafter is used alone.
 *
 * @param project Google Cloud project ({@code MESHDESK_GEMINI_PROJECT}); null in API-key mode
 * @param location Vertex AI location ({@code MESHDESK_GEMINI_LOCATION}, default {@code
 *     us-central1})
 * @param model model name ({@code MESHDESK_GEMINI_MODEL}, default {@code gemini-2.5-flash})
 * @param apiKey Gemini Developer API key ({@code MESHDESK_GEMINI_API_KEY}); never logged
 * @param baseUrl endpoint override for proxies and tests ({@code MESHDESK_GEMINI_BASE_URL}), or
 *     null
 * @param timeout overall budget of one draft, all attempts included ({@code
 *     MESHDESK_GEMINI_TIMEOUT}, default 20s)
 * @param maxAttempts attempts per draft on 429/5xx/network errors ({@code
 *     MESHDESK_GEMINI_MAX_ATTEMPTS}, default 3)
 * @param initialBackoff delay before the first retry, doubled each time ({@code
 *     MESHDESK_GEMINI_BACKOFF_INITIAL}, default 200ms)
 * @param maxBackoff cap of the retry delay ({@code MESHDESK_GEMINI_BACKOFF_MAX}, default 2s)
 * @param breakerFailureThreshold consecutive failures that open the circuit breaker ({@code
 *     MESHDESK_GEMINI_BREAKER_FAILURES}, default 5)
 * @param breakerOpenDuration how long the breaker stays open before a trial call ({@code
 *     MESHDESK_GEMINI_BREAKER_OPEN}, default 30s)
 */
public record GeminiConfig(
    String project,
    String location,
    String model,
    String apiKey,
    String baseUrl,
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int breakerFailureThreshold,
    Duration breakerOpenDuration) {

  /** Default model. */
  public static final String DEFAULT_MODEL = "gemini-2.5-flash";

  /** Default Vertex AI location. */
  public static final String DEFAULT_LOCATION = "us-central1";

  public GeminiConfig {
    project = blankToNull(project);
    location = blankToNull(location) == null ? DEFAULT_LOCATION : location.trim();
    model = blankToNull(model) == null ? DEFAULT_MODEL : model.trim();
    apiKey = blankToNull(apiKey);
    baseUrl = blankToNull(baseUrl);
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
    maxBackoff = maxBackoff == null ? Duration.ofSeconds(2) : maxBackoff;
    breakerOpenDuration =
        breakerOpenDuration == null ? Duration.ofSeconds(30) : breakerOpenDuration;
    requirePositive("timeout", timeout);
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("breakerOpenDuration", breakerOpenDuration);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "Gemini maxBackoff ("
              + maxBackoff
              + ") must not be below initialBackoff ("
              + initialBackoff
              + ")");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException(
          "Gemini maxAttempts must be between 1 and 10, got " + maxAttempts);
    }
    if (breakerFailureThreshold < 1) {
      throw new IllegalArgumentException(
          "Gemini breakerFailureThreshold must be at least 1, got " + breakerFailureThreshold);
    }
    if (baseUrl != null) {
      requireHttpUrl(baseUrl);
    }
  }

  /**
   * Vertex AI mode for {@code project} in {@code location}, all other settings at their defaults.
   */
  public static GeminiConfig vertex(String project, String location) {
    return new GeminiConfig(project, location, null, null, null, null, 3, null, null, 5, null);
  }

  /** Reads the {@code MESHDESK_GEMINI_*} variables from a map (usually {@code System.getenv()}). */
  public static GeminiConfig fromEnv(Map<String, String> env) {
    return fromEnv(new Env(env));
  }

  /**
   * Reads the {@code MESHDESK_GEMINI_*} variables.
   *
   * @throws io.meshdesk.platform.config.ConfigException naming the variable when a value is
   *     malformed
   * @throws IllegalArgumentException when a duration is not positive or the backoffs are inverted
   */
  public static GeminiConfig fromEnv(Env env) {
    return new GeminiConfig(
        env.get("MESHDESK_GEMINI_PROJECT").orElse(null),
        env.get("MESHDESK_GEMINI_LOCATION").orElse(null),
        env.get("MESHDESK_GEMINI_MODEL").orElse(null),
        env.get("MESHDESK_GEMINI_API_KEY").orElse(null),
        env.get("MESHDESK_GEMINI_BASE_URL").orElse(null),
        env.duration("MESHDESK_GEMINI_TIMEOUT", null),
        env.integer("MESHDESK_GEMINI_MAX_ATTEMPTS", 3, 1, 10),
        env.duration("MESHDESK_GEMINI_BACKOFF_INITIAL", null),
        env.duration("MESHDESK_GEMINI_BACKOFF_MAX", null),
        env.integer("MESHDESK_GEMINI_BREAKER_FAILURES", 5, 1, 1_000),
        env.duration("MESHDESK_GEMINI_BREAKER_OPEN", null));
  }

  /** Whether Gemini is configured at all (a project or an API key). */
  public boolean enabled() {
    return project != null || apiKey != null;
  }

  /** Whether the client talks to Vertex AI (project set) rather than the Gemini Developer API. */
  public boolean vertexAi() {
    return project != null;
  }

  /** The attempts and backoff of a call to Gemini, for {@link Retry}. */
  public Retry.Policy retryPolicy() {
    return new Retry.Policy(maxAttempts, initialBackoff, maxBackoff);
  }

  /** Copy with another endpoint (proxies, tests). */
  public GeminiConfig withBaseUrl(String newBaseUrl) {
    return new GeminiConfig(
        project,
        location,
        model,
        apiKey,
        newBaseUrl,
        timeout,
        maxAttempts,
        initialBackoff,
        maxBackoff,
        breakerFailureThreshold,
        breakerOpenDuration);
  }

  /** Copy with another overall timeout and attempt count. */
  public GeminiConfig withTimeout(Duration newTimeout, int newMaxAttempts) {
    return new GeminiConfig(
        project,
        location,
        model,
        apiKey,
        baseUrl,
        newTimeout,
        newMaxAttempts,
        initialBackoff,
        maxBackoff,
        breakerFailureThreshold,
        breakerOpenDuration);
  }

  @Override
  public String toString() {
    return "GeminiConfig[mode="
        + (vertexAi() ? "vertex-ai" : apiKey != null ? "api-key" : "disabled")
        + ", project="
        + project
        + ", location="
        + location
        + ", model="
        + model
        + ", apiKey="
        + (apiKey == null ? "unset" : "***")
        + ", baseUrl="
        + baseUrl
        + ", timeout="
        + timeout
        + ", maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", breakerFailureThreshold="
        + breakerFailureThreshold
        + ", breakerOpenDuration="
        + breakerOpenDuration
        + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static void requirePositive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("Gemini " + name + " must be positive, got " + d);
    }
  }

  private static void requireHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "MESHDESK_GEMINI_BASE_URL must be an http(s) URL with a host, got '" + url + "'");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("MESHDESK_GEMINI_BASE_URL is not a URL: '" + url + "'", e);
    }
  }
}
