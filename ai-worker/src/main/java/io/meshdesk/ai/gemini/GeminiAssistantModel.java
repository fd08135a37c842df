package io.meshdesk.ai.gemini;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Part;
import io.meshdesk.ai.assistant.AssistantModel;
import io.meshdesk.ai.assistant.ConversationTurn;
import io.meshdesk.ai.assistant.FunctionResult;
import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.resilience.Retry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cardholder assistant on Gemini function calling: the conversation so far and the question go
 * to the model with the ledger functions declared; each function call it streams back is run (with
 * the caller's token, by the {@link AssistantModel.Functions} given) and its result returned to it,
 * until it answers in text. One attempt within {@link GeminiConfig#timeout()}; a failure is for the
 * caller to answer offline.
 */
public final class GeminiAssistantModel implements AssistantModel {

  /** Rounds of function calls before the model must have answered. */
  static final int MAX_ROUNDS = 5;

  private final Client client;
  private final GeminiConfig config;
  private final Clock clock;

  public GeminiAssistantModel(Client client, GeminiConfig config, Clock clock) {
    this.client = client;
    this.config = config;
    this.clock = clock;
  }

  /** The model for {@code config}, with Application Default Credentials. */
  public static GeminiAssistantModel create(GeminiConfig config, Clock clock) {
    return new GeminiAssistantModel(GeminiClients.create(config), config, clock);
  }

  @Override
  public String name() {
    return config.model();
  }

  @Override
  public Reply reply(List<ConversationTurn> history, String question, Functions functions)
      throws DraftingException {
    Instant deadline = clock.instant().plus(config.timeout());
    List<Content> contents = new ArrayList<>();
    for (ConversationTurn t : history) {
      contents.add(text("user", t.question()));
      contents.add(text("model", t.answer()));
    }
    contents.add(text("user", question));
    List<FunctionResult> results = new ArrayList<>();
    String month = YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString();
    for (int round = 0; round <= MAX_ROUNDS; round++) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new DraftingException("Gemini did not answer within " + config.timeout(), true);
      }
      StringBuilder answer = new StringBuilder();
      List<FunctionCall> calls = new ArrayList<>();
      stream(contents, configFor(month, left), answer, calls);
      if (calls.isEmpty()) {
        if (answer.toString().isBlank()) {
          throw new DraftingException("Gemini returned no text (blocked or empty answer)", false);
        }
        return new Reply(answer.toString().strip(), List.copyOf(results));
      }
      List<Part> asked = new ArrayList<>();
      List<Part> answered = new ArrayList<>();
      for (FunctionCall call : calls) {
        String name = call.name().orElse("");
        FunctionResult r = functions.call(name, call.args().orElse(Map.of()));
        results.add(r);
        asked.add(Part.builder().functionCall(call).build());
        FunctionResponse.Builder response =
            FunctionResponse.builder().name(name).response(r.data());
        call.id().ifPresent(response::id);
        answered.add(Part.builder().functionResponse(response.build()).build());
      }
      contents.add(Content.builder().role("model").parts(asked).build());
      contents.add(Content.builder().role("user").parts(answered).build());
    }
    throw new DraftingException(
        "Gemini still called functions after " + MAX_ROUNDS + " rounds", false);
  }

  private void stream(
      List<Content> contents,
      GenerateContentConfig generate,
      StringBuilder answer,
      List<FunctionCall> calls)
      throws DraftingException {
    try (ResponseStream<GenerateContentResponse> stream =
        client.models.generateContentStream(config.model(), contents, generate)) {
      for (GenerateContentResponse chunk : stream) {
        for (Part p : chunk.parts() == null ? List.<Part>of() : chunk.parts()) {
          if (!p.thought().orElse(false)) {
            p.text().ifPresent(answer::append);
          }
          p.functionCall().ifPresent(calls::add);
        }
      }
    } catch (ApiException e) {
      int code = e.code();
      throw new DraftingException(
          "Gemini answered HTTP " + code + " " + e.status(), Retry.retryableStatus(code), e);
    } catch (RuntimeException e) {
      throw new DraftingException(
          "Gemini request failed: " + e.getClass().getSimpleName(), true, e);
    }
  }

  private static GenerateContentConfig configFor(String month, Duration left) {
    return GenerateContentConfig.builder()
        .systemInstruction(AssistantTools.instruction(month))
        .tools(AssistantTools.tool())
        .temperature(0.1f)
        .httpOptions(HttpOptions.builder().timeout(Math.toIntExact(Math.max(1, left.toMillis()))))
        .build();
  }

  private static Content text(String role, String text) {
    return Content.builder().role(role).parts(Part.fromText(text)).build();
  }
}
