package io.meshdesk.ai.resilience;

import static io.meshdesk.ai.gemini.DraftFixtures.answer;
import static io.meshdesk.ai.gemini.DraftFixtures.request;
import static io.meshdesk.ai.gemini.GeminiStub.sse;
import static io.meshdesk.ai.gemini.GeminiStub.sseThenError;
import static io.meshdesk.ai.gemini.GeminiStub.sseThenHang;
import static io.meshdesk.ai.gemini.GeminiStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.gemini.GeminiDrafter;
import io.meshdesk.ai.gemini.GeminiStub;
import io.meshdesk.ai.resilience.CircuitBreaker.State;
import io.meshdesk.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FallbackDrafterTest {

  static final String GEMINI_REPLY = "Hi Sam, please clear your browser cache and sign in again.";

  GeminiStub stub;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  CannedDrafter offline = new CannedDrafter();
  List<Duration> sleeps = new CopyOnWriteArrayList<>();
  GeminiDrafter gemini;

  @BeforeEach
  void start() throws Exception {
    stub = new GeminiStub();
  }

  @AfterEach
  void stop() {
    if (gemini != null) {
      gemini.close();
    }
    stub.close();
  }

  FallbackDrafter drafter(Duration timeout, int maxAttempts, int failureThreshold) {
    gemini = stub.drafter(stub.vertexConfig(timeout, maxAttempts), sleeps);
    return new FallbackDrafter(
        gemini,
        offline,
        new CircuitBreaker("gemini", failureThreshold, Duration.ofSeconds(30), clock));
  }

  @Test
  void draftsWithGeminiWhileItIsHealthy() throws Exception {
    stub.then(sse(answer(GEMINI_REPLY), 12));
    FallbackDrafter drafter = drafter(Duration.ofSeconds(10), 3, 2);
    List<String> chunks = new ArrayList<>();

    Draft draft = drafter.draft(request(), chunks::add);

    assertThat(draft.drafter()).isEqualTo("gemini-2.5-flash");
    assertThat(String.join("", chunks)).isEqualTo(GEMINI_REPLY);
    assertThat(offline.calls).hasValue(0);
    assertThat(drafter.name()).isEqualTo("gemini-2.5-flash+canned-offline");
  }

  @Test
  void opensTheBreakerAfterRepeatedServerErrorsAndDraftsOfflineUntilGeminiRecovers()
      throws Exception {
    stub.then(status(500, "INTERNAL", "boom"));
    FallbackDrafter drafter = drafter(Duration.ofSeconds(10), 2, 2);

    for (int i = 0; i < 2; i++) {
      List<String> chunks = new ArrayList<>();
      Draft draft = drafter.draft(request(), chunks::add);
      assertThat(draft.drafter()).isEqualTo("canned-offline");
      assertThat(String.join("", chunks)).isEqualTo(CannedDrafter.REPLY);
    }
    assertThat(stub.received()).hasSize(4);
    assertThat(drafter.breaker().state()).isEqualTo(State.OPEN);

    // while open, Gemini is not called at all
    Draft whileOpen = drafter.draft(request(), s -> {});
    assertThat(whileOpen.drafter()).isEqualTo("canned-offline");
    assertThat(stub.received()).hasSize(4);

    // after the open period one trial goes to Gemini, which has recovered
    clock.advance(Duration.ofSeconds(30));
    stub.then(sse(answer(GEMINI_REPLY), 12));
    Draft recovered = drafter.draft(request(), s -> {});
    assertThat(recovered.drafter()).isEqualTo("gemini-2.5-flash");
    assertThat(drafter.breaker().state()).isEqualTo(State.CLOSED);
    assertThat(offline.calls).hasValue(3);
    assertThat(stub.received())
        .hasSize(5)
        .allSatisfy(
            r ->
                assertThat(r.path())
                    .isEqualTo(
                        "/v1beta1/projects/p/locations/l/publishers/google/models/gemini-2.5-flash:streamGenerateContent"));
  }

  @Test
  void resetsAResettableConsumerWhenGeminiHangsAfterStreamingPartOfTheReply() throws Exception {
    String full = answer(GEMINI_REPLY);
    stub.then(sseThenHang(full, 20, 8));
    FallbackDrafter drafter = drafter(Duration.ofMillis(500), 3, 5);
    List<String> seen = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int[] resets = {0};

    Draft draft =
        drafter.draft(
            request(),
            ResettableReplySink.of(
                text -> {
                  seen.add(text);
                  current.add(text);
                },
                () -> {
                  resets[0]++;
                  current.clear();
                }));

    assertThat(draft.drafter()).isEqualTo("canned-offline");
    assertThat(resets[0]).isEqualTo(1);
    assertThat(String.join("", current)).isEqualTo(CannedDrafter.REPLY).isEqualTo(draft.reply());
    assertThat(GEMINI_REPLY).startsWith(String.join("", seen).replace(CannedDrafter.REPLY, ""));
    assertThat(seen.size())
        .isGreaterThan(current.size()); // Gemini's first words did reach the consumer
  }

  @Test
  void aPlainConsumerGetsTheFallbackReplyAfterGeminisPartialText() throws Exception {
    String full = answer(GEMINI_REPLY);
    stub.then(sseThenError(full, 20, 8, 503, "UNAVAILABLE"));
    FallbackDrafter drafter = drafter(Duration.ofSeconds(10), 3, 5);
    List<String> chunks = new ArrayList<>();

    Draft draft = drafter.draft(request(), chunks::add);

    String all = String.join("", chunks);
    assertThat(draft.drafter()).isEqualTo("canned-offline");
    assertThat(all).endsWith(CannedDrafter.REPLY).isNotEqualTo(CannedDrafter.REPLY);
    assertThat(GEMINI_REPLY)
        .startsWith(all.substring(0, all.length() - CannedDrafter.REPLY.length()));
    assertThat(stub.received()).hasSize(1);
  }

  @Test
  void aFailingConsumerPropagatesAndDoesNotCountAgainstGemini() throws Exception {
    stub.then(sse(answer(GEMINI_REPLY), 12));
    FallbackDrafter drafter = drafter(Duration.ofSeconds(10), 3, 1);
    IllegalStateException agentGone = new IllegalStateException("agent stream closed");

    assertThatThrownBy(
            () ->
                drafter.draft(
                    request(),
                    text -> {
                      throw agentGone;
                    }))
        .isSameAs(agentGone);

    assertThat(drafter.breaker().state()).isEqualTo(State.CLOSED);
    assertThat(offline.calls).hasValue(0);
    assertThat(drafter.draft(request(), s -> {}).drafter()).isEqualTo("gemini-2.5-flash");
  }
}
