package io.meshdesk.ai.gemini;

import static io.meshdesk.ai.gemini.DraftFixtures.ARTICLE;
import static io.meshdesk.ai.gemini.DraftFixtures.RESOLVED;
import static io.meshdesk.ai.gemini.DraftFixtures.SUBJECT;
import static io.meshdesk.ai.gemini.DraftFixtures.answer;
import static io.meshdesk.ai.gemini.DraftFixtures.request;
import static io.meshdesk.ai.gemini.GeminiStub.hang;
import static io.meshdesk.ai.gemini.GeminiStub.sse;
import static io.meshdesk.ai.gemini.GeminiStub.sseThenError;
import static io.meshdesk.ai.gemini.GeminiStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.resilience.ResettableReplySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GeminiDrafterTest {

  static final String STREAM_PATH =
      "/v1beta1/projects/p/locations/l/publishers/google/models/gemini-2.5-flash:streamGenerateContent";
  static final String REPLY =
      "Hi Sam,\n\nsorry about the trouble! Please clear your browser's cache and sign in again "
          + "with \"the new password\" \u2014 reset links expire after 30 minutes. Caf\u00e9 \uD83D\uDE00";

  GeminiStub stub;
  List<Duration> sleeps = new CopyOnWriteArrayList<>();
  List<String> chunks = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startStub() throws Exception {
    stub = new GeminiStub();
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  GeminiDrafter drafter(Duration timeout, int maxAttempts) {
    return stub.drafter(stub.vertexConfig(timeout, maxAttempts), sleeps);
  }

  @Test
  void streamsTheReplyInSeveralChunksThatAddUpToTheParsedReply() throws Exception {
    stub.then(sse(answer(REPLY, "kb-7", "invented-id", "t-101", "kb-7"), 9));

    Draft draft;
    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      draft = drafter.draft(request(), chunks::add);
    }

    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(String.join("", chunks)).isEqualTo(REPLY).isEqualTo(draft.reply());
    assertThat(draft.sentiment()).isEqualTo(Draft.Sentiment.NEGATIVE);
    assertThat(draft.sentimentScore()).isEqualTo(-0.6);
    assertThat(draft.category()).isEqualTo("login");
    assertThat(draft.suggestedPriority()).isEqualTo(Draft.Priority.HIGH);
    assertThat(draft.summary()).contains("password reset");
    assertThat(draft.confidence()).isEqualTo(0.8);
    assertThat(draft.sources()).containsExactly(ARTICLE, RESOLVED);
    assertThat(draft.drafter()).isEqualTo("gemini-2.5-flash");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void sendsTicketToneContextAndResponseSchemaToTheVertexStreamingEndpoint() throws Exception {
    stub.then(sse(answer("Hello"), 50));

    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      drafter.draft(request(), chunks::add);
    }

    assertThat(stub.received()).hasSize(1);
    GeminiStub.Received call = stub.received().get(0);
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo(STREAM_PATH);
    assertThat(call.query()).contains("alt=sse");
    JsonNode body = new ObjectMapper().readTree(call.body());
    String prompt = body.at("/contents/0/parts/0/text").asText();
    assertThat(prompt)
        .contains(
            SUBJECT,
            "Warm, address the customer by first name.",
            "id=\"t-101\"",
            "Clear the browser cache",
            "id=\"kb-7\"");
    assertThat(body.at("/systemInstruction/parts/0/text").asText()).contains("source_ids");
    JsonNode generation = body.get("generationConfig");
    assertThat(generation.get("responseMimeType").asText()).isEqualTo("application/json");
    JsonNode schema = generation.get("responseSchema");
    assertThat(schema.get("type").asText()).isEqualTo("OBJECT");
    assertThat(schema.get("properties").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder(
            "sentiment",
            "sentiment_score",
            "category",
            "suggested_priority",
            "summary",
            "reply",
            "confidence",
            "source_ids");
    assertThat(schema.get("required")).hasSize(8);
  }

  @Test
  void rejectsMalformedJsonWithoutRetrying() throws Exception {
    String truncated = answer(REPLY).substring(0, 120);
    stub.then(sse(truncated, 20));

    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      assertThatThrownBy(() -> drafter.draft(request(), chunks::add))
          .isInstanceOfSatisfying(DraftingException.class, e -> assertThat(e.retryable()).isFalse())
          .hasMessageContaining("not valid JSON");
    }
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void rejectsAnswerWithMissingOrUnknownFields() throws Exception {
    stub.then(
        sse("{\"sentiment\":\"NEGATIVE\",\"reply\":\"Hi\"}", 10),
        sse(answer("Hi").replace("\"HIGH\"", "\"CRITICAL\""), 30));

    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      assertThatThrownBy(() -> drafter.draft(request(), chunks::add))
          .isInstanceOf(DraftingException.class)
          .hasMessageContaining("sentiment_score");
      assertThatThrownBy(() -> drafter.draft(request(), chunks::add))
          .isInstanceOf(DraftingException.class)
          .hasMessageContaining("unknown value 'CRITICAL'");
    }
  }

  @Test
  void retriesAfter429WithBackoffAndReturnsTheDraft() throws Exception {
    stub.then(status(429, "RESOURCE_EXHAUSTED", "quota"), sse(answer(REPLY, "t-101"), 16));

    Draft draft;
    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      draft = drafter.draft(request(), chunks::add);
    }

    assertThat(draft.reply()).isEqualTo(REPLY);
    assertThat(String.join("", chunks)).isEqualTo(REPLY);
    assertThat(stub.received())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.path()).isEqualTo(STREAM_PATH));
    // initial backoff 200 ms with half of it jittered, jitter source fixed at 0.5
    assertThat(sleeps).containsExactly(Duration.ofMillis(150));
  }

  @Test
  void givesUpAfterMaxAttemptsOfServerErrorsWithARetryableFailure() throws Exception {
    stub.then(status(503, "UNAVAILABLE", "overloaded"));

    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      assertThatThrownBy(() -> drafter.draft(request(), chunks::add))
          .isInstanceOfSatisfying(DraftingException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessageContaining("503");
    }
    assertThat(stub.received()).hasSize(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
    assertThat(chunks).isEmpty();
  }

  @Test
  void doesNotRetryABadRequest() throws Exception {
    stub.then(status(400, "INVALID_ARGUMENT", "bad schema"));

    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      assertThatThrownBy(() -> drafter.draft(request(), chunks::add))
          .isInstanceOfSatisfying(
              DraftingException.class, e -> assertThat(e.retryable()).isFalse());
    }
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void failsRetryablyWhenGeminiHangsPastTheTimeout() throws Exception {
    stub.then(hang());

    try (GeminiDrafter drafter = drafter(Duration.ofMillis(400), 3)) {
      assertThatThrownBy(() -> drafter.draft(request(), chunks::add))
          .isInstanceOfSatisfying(DraftingException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessageContaining("did not answer within");
    }
    assertThat(chunks).isEmpty();
    assertThat(stub.received()).hasSize(1); // the timeout is the whole draft's budget
  }

  @Test
  void restartsTheStreamedReplyOnRetryWhenTheConsumerCanReset() throws Exception {
    String full = answer(REPLY, "t-101");
    stub.then(sseThenError(full, 20, 9, 503, "UNAVAILABLE"), sse(full, 20));
    List<String> afterReset = new ArrayList<>();
    int[] resets = {0};

    Draft draft;
    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      draft =
          drafter.draft(
              request(),
              ResettableReplySink.of(
                  afterReset::add,
                  () -> {
                    resets[0]++;
                    afterReset.clear();
                  }));
    }

    assertThat(resets[0]).isEqualTo(1);
    assertThat(String.join("", afterReset)).isEqualTo(REPLY).isEqualTo(draft.reply());
    assertThat(stub.received()).hasSize(2);
  }

  @Test
  void doesNotRetryAfterPartialReplyWhenTheConsumerCannotReset() throws Exception {
    String full = answer(REPLY, "t-101");
    stub.then(sseThenError(full, 20, 9, 503, "UNAVAILABLE"), sse(full, 20));

    try (GeminiDrafter drafter = drafter(Duration.ofSeconds(10), 3)) {
      assertThatThrownBy(() -> drafter.draft(request(), chunks::add))
          .isInstanceOfSatisfying(DraftingException.class, e -> assertThat(e.retryable()).isTrue());
    }
    assertThat(chunks).isNotEmpty();
    assertThat(REPLY).startsWith(String.join("", chunks));
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void callsTheGeminiDeveloperApiInApiKeyMode() throws Exception {
    stub.then(sse(answer("Hello there"), 7));
    GeminiConfig config =
        new GeminiConfig(
            null,
            null,
            "gemini-2.5-pro",
            "secret-key",
            stub.baseUrl(),
            null,
            1,
            null,
            null,
            5,
            null);

    Draft draft;
    try (GeminiDrafter drafter = stub.drafter(config, sleeps)) {
      draft = drafter.draft(request(), chunks::add);
    }

    assertThat(draft.reply()).isEqualTo("Hello there");
    assertThat(draft.drafter()).isEqualTo("gemini-2.5-pro");
    GeminiStub.Received call = stub.received().get(0);
    assertThat(call.path()).isEqualTo("/v1/models/gemini-2.5-pro:streamGenerateContent");
    assertThat(call.headers()).containsEntry("X-goog-api-key", List.of("secret-key"));
  }
}
