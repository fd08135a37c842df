package io.meshdesk.ai.assistant;

import static io.meshdesk.ai.gemini.GeminiStub.sse;
import static io.meshdesk.ai.gemini.GeminiStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.gemini.GeminiAssistantModel;
import io.meshdesk.ai.gemini.GeminiStub;
import io.meshdesk.ai.resilience.CircuitBreaker;
import io.meshdesk.ai.resilience.Retry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The assistant's Gemini path retries what may pass, and stops calling a model that keeps failing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResilientAssistantModelTest {

  private static final AssistantModel.Functions NO_FUNCTIONS =
      (name, args) -> {
        throw new AssertionError("no function call was scripted, got " + name);
      };

  private GeminiStub stub;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    stub = new GeminiStub();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void retriesRateLimitsAndServerErrorsWithGrowingBackoffThenAnswers() throws Exception {
    stub.then(
        status(503, "UNAVAILABLE", "overloaded"),
        status(429, "RESOURCE_EXHAUSTED", "slow down"),
        sse("Your balance is 12.00 USD.", 10));

    AssistantModel.Reply reply = model(3, 5).reply(List.of(), "What is my balance?", NO_FUNCTIONS);

    assertThat(reply.text()).isEqualTo("Your balance is 12.00 USD.");
    assertThat(stub.received()).hasSize(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(1)).isGreaterThan(sleeps.get(0));
  }

  @Test
  void doesNotRetryARequestTheModelRefused() {
    stub.then(status(400, "INVALID_ARGUMENT", "bad request"));

    assertThatThrownBy(() -> model(3, 5).reply(List.of(), "Hello?", NO_FUNCTIONS))
        .isInstanceOf(DraftingException.class)
        .hasMessageContaining("400");
    assertThat(stub.received()).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aModelThatKeepsFailingIsNoLongerCalledOnceTheBreakerOpens() {
    stub.then(status(500, "INTERNAL", "down"));
    ResilientAssistantModel model = model(2, 2);

    for (int turn = 0; turn < 2; turn++) {
      assertThatThrownBy(() -> model.reply(List.of(), "Hello?", NO_FUNCTIONS))
          .hasMessageContaining("500");
    }
    assertThat(stub.received()).hasSize(4);

    assertThatThrownBy(() -> model.reply(List.of(), "Hello?", NO_FUNCTIONS))
        .isInstanceOf(DraftingException.class)
        .hasMessageContaining("circuit breaker open");
    assertThat(stub.received()).hasSize(4);
  }

  private ResilientAssistantModel model(int attempts, int breakerFailures) {
    var config = stub.vertexConfig(Duration.ofSeconds(30), 1);
    return new ResilientAssistantModel(
        new GeminiAssistantModel(stub.client(config), config, Clock.systemUTC()),
        new CircuitBreaker("test", breakerFailures, Duration.ofMinutes(10), Clock.systemUTC()),
        new Retry.Policy(attempts, Duration.ofMillis(100), Duration.ofSeconds(2)),
        sleeps::add,
        () -> 0.5);
  }
}
