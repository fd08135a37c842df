package io.meshdesk.ai.gemini;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.GenerateContentResponse;
import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.resilience.ResettableReplySink;
import io.meshdesk.ai.resilience.Retry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Drafts replies with Gemini through google-genai (Vertex AI or the Gemini Developer API).
 *
 * <p>The prompt carries the ticket, the tenant's tone guidelines and the retrieved documents; the
 * answer is JSON constrained by a response schema and is streamed: the {@code reply} field is
 * decoded while the JSON arrives and passed to {@code onReplyText} chunk by chunk. HTTP 408, 429,
 * 5xx and network errors are retried with exponential backoff and jitter, up to {@link
 * GeminiConfig#maxAttempts()} attempts, all within {@link GeminiConfig#timeout()}. A retry after
 * reply text was already delivered happens only when {@code onReplyText} is a {@link
 * ResettableReplySink} (it is reset first); otherwise the failure is reported, retryable, so the
 * caller can fall back. Thread-safe; closing it closes the client.
 */
public final class GeminiDrafter implements Drafter, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(GeminiDrafter.class.getName());

  private final Client client;
  private final GeminiConfig config;
  private final Clock clock;
  private final Retry retry;
  private final Supplier<String> boundaries;

  /**
   * @param client the google-genai client (see {@link GeminiClients})
   * @param config model, timeout, attempts and backoff
   * @param clock time source of the draft's deadline
   * @param sleeper waits between attempts
   * @param random uniform values in [0, 1) for the backoff jitter
   */
  public GeminiDrafter(
      Client client,
      GeminiConfig config,
      Clock clock,
      Retry.Sleeper sleeper,
      DoubleSupplier random) {
    this(client, config, clock, sleeper, random, GeminiPrompt::newBoundary);
  }

  /** As above, with the source of each request's prompt boundary (tests pin it). */
  GeminiDrafter(
      Client client,
      GeminiConfig config,
      Clock clock,
      Retry.Sleeper sleeper,
      DoubleSupplier random,
      Supplier<String> boundaries) {
    this.boundaries = Objects.requireNonNull(boundaries, "boundaries");
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = new Retry("Gemini", config.retryPolicy(), sleeper, random);
  }

  /** A drafter for {@code config} with Application Default Credentials and real time. */
  public static GeminiDrafter create(GeminiConfig config) {
    return new GeminiDrafter(
        GeminiClients.create(config),
        config,
        Clock.systemUTC(),
        Retry.realTime(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  @Override
  public Draft draft(DraftRequest request, Consumer<String> onReplyText) throws DraftingException {
    Instant deadline = clock.instant().plus(config.timeout());
    GeminiPrompt.Prompt prompt = GeminiPrompt.build(request, boundaries.get());
    boolean canReset = onReplyText instanceof ResettableReplySink;
    StringBuilder delivered = new StringBuilder();
    try {
      return retry.call(
          () -> {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
              throw new DraftingException(
                  "Gemini did not answer within " + config.timeout().toMillis() + " ms", true);
            }
            if (!delivered.isEmpty()) {
              ((ResettableReplySink) onReplyText).reset();
              delivered.setLength(0);
            }
            return attempt(request, prompt, remaining, onReplyText, delivered);
          },
          // a retry must fit in the deadline and may not repeat text the consumer cannot take back
          (failure, delay) ->
              (delivered.isEmpty() || canReset) && clock.instant().plus(delay).isBefore(deadline));
    } catch (ConsumerFailure f) {
      throw f.getCause();
    }
  }

  /** The model name. */
  @Override
  public String name() {
    return config.model();
  }

  @Override
  public void close() {
    client.close();
  }

  private Draft attempt(
      DraftRequest request,
      GeminiPrompt.Prompt prompt,
      Duration budget,
      Consumer<String> sink,
      StringBuilder delivered)
      throws DraftingException {
    JsonStringFieldStreamer reply = new JsonStringFieldStreamer(GeminiPrompt.REPLY);
    StringBuilder json = new StringBuilder(1024);
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(
            config.model(), List.of(prompt.user()), GeminiPrompt.generateConfig(prompt, budget))) {
      for (GenerateContentResponse chunk : stream) {
        String text = chunk.text();
        if (text != null && !text.isEmpty()) {
          json.append(text);
          deliver(sink, reply.accept(text), delivered);
        }
      }
    } catch (ConsumerFailure e) {
      throw e;
    } catch (ApiException e) {
      int code = e.code();
      throw new DraftingException(
          "Gemini answered HTTP " + code + " " + e.status() + ": " + e.message(),
          Retry.retryableStatus(code),
          e);
    } catch (RuntimeException e) {
      if (causedBy(e, InterruptedIOException.class)) {
        throw new DraftingException(
            "Gemini did not answer within " + budget.toMillis() + " ms", true, e);
      }
      // network trouble is worth another try; anything else is a bug that would fail again
      boolean io = e instanceof GenAiIOException || causedBy(e, IOException.class);
      throw new DraftingException("Gemini request failed: " + e, io, e);
    }
    if (json.isEmpty()) {
      throw new DraftingException("Gemini returned no text (blocked or empty answer)", false);
    }
    Draft draft = GeminiDraftParser.parse(json.toString(), request, name());
    completeReply(draft.reply(), sink, delivered);
    return draft;
  }

  /** Makes the delivered chunks add up to the parsed reply, whatever the streaming decoder saw. */
  private static void completeReply(String reply, Consumer<String> sink, StringBuilder delivered) {
    if (reply.startsWith(delivered.toString())) {
      deliver(sink, reply.substring(delivered.length()), delivered);
    } else if (sink instanceof ResettableReplySink resettable) {
      resettable.reset();
      delivered.setLength(0);
      deliver(sink, reply, delivered);
    } else {
      LOG.log(Level.WARNING, "streamed reply differs from the parsed one; use Draft.reply()");
    }
  }

  private static void deliver(Consumer<String> sink, String text, StringBuilder delivered) {
    if (text.isEmpty()) {
      return;
    }
    try {
      sink.accept(text);
    } catch (RuntimeException e) {
      throw new ConsumerFailure(e);
    }
    delivered.append(text);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Carries an exception thrown by the caller's reply consumer past the Gemini error mapping. */
  private static final class ConsumerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConsumerFailure(RuntimeException cause) {
      super(cause);
    }

    @Override
    public synchronized RuntimeException getCause() {
      return (RuntimeException) super.getCause();
    }
  }
}
