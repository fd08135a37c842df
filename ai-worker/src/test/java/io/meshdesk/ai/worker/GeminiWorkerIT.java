package io.meshdesk.ai.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshdesk.ai.gemini.DraftFixtures;
import io.meshdesk.ai.gemini.GeminiStub;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.ai.resilience.CircuitBreaker;
import io.meshdesk.ai.resilience.FallbackDrafter;
import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.api.ticket.v1.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker drafting with the real google-genai client against a loopback stub of the Gemini REST
 * API, behind the breaker with the offline fallback: whatever Gemini does, every job ends with an
 * attached suggestion and nothing left pending.
 */
class GeminiWorkerIT {

  static final UUID TENANT = UUID.randomUUID();
  static final String REPLY =
      "Hi! Please clear your browser's saved password and sign in with the new one.";

  static WorkerHarness h;
  GeminiStub stub;
  CircuitBreaker breaker;
  JobConsumer consumer;

  @BeforeAll
  static void start() {
    h = new WorkerHarness("ai_gemini");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @AfterEach
  void after() {
    consumer.close();
    stub.close();
  }

  private void startWorker(Duration timeout, int breakerThreshold, GeminiStub.Responder... script)
      throws Exception {
    stub = new GeminiStub().then(script);
    List<Duration> sleeps = new ArrayList<>();
    breaker =
        new CircuitBreaker("gemini", breakerThreshold, Duration.ofMinutes(5), Clock.systemUTC());
    FallbackDrafter drafter =
        new FallbackDrafter(
            stub.drafter(stub.vertexConfig(timeout, 3), sleeps), new OfflineDrafter(), breaker);
    consumer = h.startConsumer("g-" + UUID.randomUUID(), drafter, Duration.ofSeconds(30), 3);
  }

  private Suggestion draftOne() {
    Ticket t =
        h.ticketServer.addTicket(
            TENANT,
            "Cannot log in after password reset",
            "I reset my password an hour ago and still cannot sign in. Please help!");
    AiJob job = h.enqueue(TENANT, t);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> h.ticketServer.suggestionsByJob.containsKey(job.getJobId()));
    await().until(() -> h.pending() == 0);
    return h.ticketServer.suggestionsByJob.get(job.getJobId());
  }

  private long chunksOf(Suggestion s) {
    return h.ticketServer.chunks.stream().filter(c -> c.jobId().equals(s.getJobId())).count();
  }

  @Test
  void normalAnswerIsAttachedAsGeminisSuggestion() throws Exception {
    String answer = DraftFixtures.answer(REPLY);
    startWorker(Duration.ofSeconds(5), 3, GeminiStub.sse(answer, answer.length()));

    Suggestion s = draftOne();

    assertThat(s.getDrafter()).startsWith("gemini-2.5-flash" + " | triage ");
    assertThat(s.getDraftedReply()).isEqualTo(REPLY);
    assertThat(s.getCategory()).isEqualTo("login");
  }

  @Test
  void streamedAnswerReachesAgentsInSeveralChunksBeforeTheSuggestion() throws Exception {
    startWorker(Duration.ofSeconds(5), 3, GeminiStub.sse(DraftFixtures.answer(REPLY), 12));

    Suggestion s = draftOne();

    assertThat(s.getDrafter()).startsWith("gemini-2.5-flash" + " | triage ");
    assertThat(chunksOf(s)).isGreaterThan(3);
    String streamed =
        String.join(
            "",
            h.ticketServer.chunks.stream()
                .filter(c -> c.jobId().equals(s.getJobId()))
                .map(FakeTicketServer.Chunk::text)
                .toList());
    assertThat(streamed).isEqualTo(REPLY);
  }

  @Test
  void malformedJsonFallsBackToTheOfflineDrafter() throws Exception {
    startWorker(Duration.ofSeconds(5), 3, GeminiStub.sse("{\"sentiment\": \"NEG", 100));

    Suggestion s = draftOne();

    assertThat(s.getDrafter()).startsWith(OfflineDrafter.NAME + " | triage ");
    assertThat(s.getDraftedReply()).isNotBlank();
  }

  @Test
  void rateLimitedOnceThenAnsweredIsGeminisSuggestion() throws Exception {
    String answer = DraftFixtures.answer(REPLY);
    startWorker(
        Duration.ofSeconds(5),
        3,
        GeminiStub.status(429, "RESOURCE_EXHAUSTED", "quota"),
        GeminiStub.sse(answer, 40));

    Suggestion s = draftOne();

    assertThat(s.getDrafter()).startsWith("gemini-2.5-flash" + " | triage ");
    assertThat(stub.received()).hasSize(2);
  }

  @Test
  void serverErrorsOpenTheBreakerAndLaterJobsSkipGemini() throws Exception {
    startWorker(Duration.ofSeconds(5), 2, GeminiStub.status(500, "INTERNAL", "boom"));

    Suggestion first = draftOne();
    Suggestion second = draftOne();
    int callsWhenOpened = stub.received().size();
    Suggestion third = draftOne();

    assertThat(List.of(first, second, third))
        .extracting(sg -> sg.getDrafter().substring(0, sg.getDrafter().indexOf(" | ")))
        .containsOnly(OfflineDrafter.NAME);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(stub.received()).hasSize(callsWhenOpened);
  }

  @Test
  void hangPastTheTimeoutFallsBackWithoutLeavingTheJobStuck() throws Exception {
    startWorker(
        Duration.ofMillis(800), 3, GeminiStub.sseThenHang(DraftFixtures.answer(REPLY), 10, 3));

    Suggestion s = draftOne();

    assertThat(s.getDrafter()).startsWith(OfflineDrafter.NAME + " | triage ");
    assertThat(s.getDraftedReply()).isNotEqualTo(REPLY).isNotBlank();
  }
}
