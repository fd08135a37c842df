package io.meshdesk.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.ledger.domain.Decline;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Combining of concurrent single operations on one card (the batch poster is a plain function). */
class CardLanesTest {

  private static final UUID TENANT = UUID.randomUUID();
  private static final UUID CARD = UUID.randomUUID();

  private static PostingOp purchase(String key) {
    return new PostingOp.Direct(
        TxnType.PURCHASE, CARD, 100, "USD", null, null, null, null, null, key);
  }

  /**
   * Answers each op with a decline whose detail is its idempotency key, so results can be matched.
   */
  private static List<OpResult> echo(List<PostingOp> ops) {
    return ops.stream()
        .map(op -> OpResult.declined(Decline.IDEMPOTENCY_CONFLICT, op.idempotencyKey(), null))
        .toList();
  }

  @Test
  void concurrentRequestsOnOneCardAreGroupedAndEachGetsItsOwnResult() throws Exception {
    List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstGroupStarted = new CountDownLatch(1);
    CountDownLatch releaseFirstGroup = new CountDownLatch(1);
    CardLanes lanes =
        new CardLanes(
            (t, h, ops) -> {
              groupSizes.add(ops.size());
              if (groupSizes.size() == 1) {
                firstGroupStarted.countDown();
                await(releaseFirstGroup);
              }
              return echo(ops);
            },
            64,
            1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<OpResult> first = pool.submit(() -> lanes.post(TENANT, null, CARD, purchase("k0")));
      firstGroupStarted.await();
      List<Future<OpResult>> rest = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        String key = "k" + i;
        rest.add(pool.submit(() -> lanes.post(TENANT, null, CARD, purchase(key))));
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> queued(lanes) == 20);
      releaseFirstGroup.countDown();
      assertThat(first.get().detail()).isEqualTo("k0");
      for (int i = 0; i < rest.size(); i++) {
        assertThat(rest.get(i).get().detail()).isEqualTo("k" + (i + 1));
      }
    }
    assertThat(groupSizes).containsExactly(1, 20);
  }

  @Test
  void aFailedGroupFailsEachOfItsRequestsAndTheLaneKeepsWorking() {
    CardLanes lanes =
        new CardLanes(
            (t, h, ops) -> {
              if (ops.getFirst().idempotencyKey().equals("bad")) {
                throw new IllegalStateException("connection lost");
              }
              return echo(ops);
            },
            64,
            1);
    assertThatThrownBy(() -> lanes.post(TENANT, null, CARD, purchase("bad")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("connection lost");
    assertThat(lanes.post(TENANT, null, CARD, purchase("good")).detail()).isEqualTo("good");
  }

  private static int queued(CardLanes lanes) {
    return lanes.queuedForTest();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
