package io.meshdesk.reminder.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void waitDoublesWithEachFailureWithinJitterBounds() {
    for (int i = 0; i < 200; i++) {
      assertThat(backoff.delayAfter(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
      assertThat(backoff.delayAfter(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }
  }

  @Test
  void waitNeverExceedsTheCap() {
    assertThat(backoff.delayAfter(40)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  @Test
  void jitterSpreadsRetriesOfManyDeliveries() {
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.add(backoff.delayAfter(5));
    }
    assertThat(seen.size()).isGreaterThan(10);
  }
}
