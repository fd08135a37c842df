package io.meshdesk.ai.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.ai.drafting.DraftingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** 100 ms doubling up to 1 s, jitter source fixed at 0.5 (so a delay is 3/4 of its cap). */
  private Retry retry(int maxAttempts) {
    return new Retry(
        "model",
        new Retry.Policy(maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(1)),
        sleeps::add,
        () -> 0.5);
  }

  private Retry.Attempt<String> failing(int times, boolean retryable) {
    return () -> {
      if (calls.incrementAndGet() <= times) {
        throw new DraftingException("failure " + calls.get(), retryable);
      }
      return "answer";
    };
  }

  @Test
  void retriesRetryableFailuresWithGrowingBackoffUntilOneSucceeds() throws Exception {
    assertThat(retry(5).call(failing(3, true))).isEqualTo("answer");

    assertThat(calls).hasValue(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(75), Duration.ofMillis(150), Duration.ofMillis(300));
  }

  @Test
  void stopsAtMaxAttemptsWithTheLastFailure() {
    assertThatThrownBy(() -> retry(3).call(failing(10, true)))
        .isInstanceOfSatisfying(DraftingException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessage("failure 3");

    assertThat(calls).hasValue(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void neverRetriesANonRetryableFailure() {
    assertThatThrownBy(() -> retry(5).call(failing(1, false))).hasMessage("failure 1");

    assertThat(calls).hasValue(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void capsTheBackoffAndJittersHalfOfIt() {
    Retry low =
        new Retry(
            "m",
            new Retry.Policy(9, Duration.ofMillis(100), Duration.ofSeconds(1)),
            d -> {},
            () -> 0);
    Retry high =
        new Retry(
            "m",
            new Retry.Policy(9, Duration.ofMillis(100), Duration.ofSeconds(1)),
            d -> {},
            () -> 0.999);

    assertThat(low.backoff(1)).isEqualTo(Duration.ofMillis(50));
    assertThat(high.backoff(1)).isEqualTo(Duration.ofMillis(99));
    assertThat(low.backoff(8)).isEqualTo(Duration.ofMillis(500));
    assertThat(high.backoff(30)).isEqualTo(Duration.ofMillis(999));
  }

  @Test
  void aGuardThatRefusesEndsTheRetries() {
    assertThatThrownBy(() -> retry(5).call(failing(10, true), (failure, delay) -> calls.get() < 2))
        .hasMessage("failure 2");

    assertThat(sleeps).hasSize(1);
  }

  @Test
  void anInterruptedWaitFailsWithoutRetryingAndKeepsTheInterrupt() {
    Retry interrupted =
        new Retry(
            "model",
            new Retry.Policy(5, Duration.ofMillis(100), Duration.ofSeconds(1)),
            d -> {
              throw new InterruptedException();
            },
            () -> 0.5);
    try {
      assertThatThrownBy(() -> interrupted.call(failing(10, true)))
          .isInstanceOfSatisfying(
              Retry.Interrupted.class,
              e -> {
                assertThat(e.retryable()).isFalse();
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .contains("failure 1");
              });
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(calls).hasValue(1);
    } finally {
      Thread.interrupted();
    }
  }
}
