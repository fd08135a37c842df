package io.meshdesk.ai.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.resilience.CircuitBreaker.State;
import io.meshdesk.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  CircuitBreaker breaker = new CircuitBreaker("gemini", 3, Duration.ofSeconds(30), clock);

  void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquire()).isTrue();
      breaker.onFailure();
    }
  }

  @Test
  void opensAfterConsecutiveFailuresAndRefusesCalls() {
    fail(2);
    assertThat(breaker.state()).isEqualTo(State.CLOSED);

    fail(1);

    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
  }

  @Test
  void aSuccessRestartsTheFailureCount() {
    fail(2);
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.onSuccess();

    fail(2);

    assertThat(breaker.state()).isEqualTo(State.CLOSED);
  }

  @Test
  void letsOneTrialCallThroughAfterTheOpenDurationAndClosesOnSuccess() {
    fail(3);
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.tryAcquire()).isFalse();

    clock.advance(Duration.ofSeconds(1));

    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    assertThat(breaker.tryAcquire()).as("second caller while the trial runs").isFalse();
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void reopensForAnotherPeriodWhenTheTrialFails() {
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquire()).isTrue();

    breaker.onFailure();

    assertThat(breaker.state()).isEqualTo(State.OPEN);
    clock.advance(Duration.ofSeconds(29));
    assertThat(breaker.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void aReleasedTrialLetsTheNextCallerTry() {
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    assertThat(breaker.tryAcquire()).isTrue();

    breaker.release();

    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    assertThat(breaker.tryAcquire()).isTrue();
  }

  @Test
  void grantsExactlyOneTrialToConcurrentCallers() throws Exception {
    fail(3);
    clock.advance(Duration.ofSeconds(30));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger granted = new AtomicInteger();
    try {
      for (int i = 0; i < 64; i++) {
        pool.submit(
            () -> {
              start.await();
              if (breaker.tryAcquire()) {
                granted.incrementAndGet();
              }
              return null;
            });
      }
      start.countDown();
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(granted).hasValue(1);
  }
}
