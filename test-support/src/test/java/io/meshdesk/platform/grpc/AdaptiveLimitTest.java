package io.meshdesk.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {

  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000 * MS;

  @Test
  void growsWhileLatencyStaysNearTheBest() {
    AdaptiveLimit limit = new AdaptiveLimit(10, 2, 100, 2.0, SECOND);
    for (int i = 0; i < 30_000; i++) {
      limit.onSample(5 * MS, false);
    }
    assertThat(limit.limit()).isEqualTo(100);
  }

  @Test
  void shrinksWhenCallsQueueAndLatencyJumps() {
    AdaptiveLimit limit = new AdaptiveLimit(50, 2, 100, 2.0, SECOND);
    for (int i = 0; i < 1_000; i++) {
      limit.onSample(5 * MS, false);
    }
    int before = limit.limit();
    for (int i = 0; i < 300; i++) {
      limit.onSample(60 * MS, false);
    }
    assertThat(limit.limit()).isLessThan(before / 2);
  }

  @Test
  void aSustainedLatencyAboveTheObjectiveKeepsShrinkingTheLimit() {
    AdaptiveLimit limit = new AdaptiveLimit(60, 2, 100, 2.0, 50 * MS);
    for (int i = 0; i < 20_000; i++) {
      limit.onSample(120 * MS, false);
    }
    // it settles where the square-root headroom balances the halving: a handful of calls
    assertThat(limit.limit()).isLessThanOrEqualTo(4);
  }

  @Test
  void aLastingSlowerLatencyBecomesTheNewBaseline() {
    AdaptiveLimit limit = new AdaptiveLimit(20, 2, 60, 2.0, SECOND);
    for (int i = 0; i < 200; i++) {
      limit.onSample(5 * MS, false);
    }
    for (int i = 0; i < 20_000; i++) {
      limit.onSample(40 * MS, false);
    }
    assertThat(limit.limit()).isEqualTo(60);
  }

  @Test
  void dropsByATenthOnASaturatedCallAndNeverBelowTheMinimum() {
    AdaptiveLimit limit = new AdaptiveLimit(50, 5, 100, 2.0, SECOND);
    limit.onSample(5 * MS, true);
    assertThat(limit.limit()).isEqualTo(45);
    for (int i = 0; i < 100; i++) {
      limit.onSample(5 * MS, true);
    }
    assertThat(limit.limit()).isEqualTo(5);
  }

  @Test
  void toleratesLatencyUpToTheToleranceWithoutShrinking() {
    AdaptiveLimit limit = new AdaptiveLimit(20, 2, 40, 2.0, SECOND);
    for (int i = 0; i < 5_000; i++) {
      limit.onSample(i % 2 == 0 ? 10 * MS : 19 * MS, false);
    }
    assertThat(limit.limit()).isEqualTo(40);
  }
}
