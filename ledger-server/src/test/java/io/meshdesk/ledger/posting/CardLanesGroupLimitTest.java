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

/** A lane's group never exceeds its size limit, and a poster's Error reaches the caller as is. */
class CardLanesGroupLimitTest {

  private static final UUID TENANT = UUID.randomUUID();
  private static final UUID CARD = UUID.randomUUID();

  private static PostingOp purchase(String key) {
    return new PostingOp.Direct(
        TxnType.PURCHASE, CARD, 100, "USD", null, null, null, null, null, key);
  }

  private static List<OpResult> echo(List<PostingOp> ops) {
    return ops.stream()
        .map(op -> OpResult.declined(Decline.IDEMPOTENCY_CONFLICT, op.idempotencyKey(), null))
        .toList();
  }

  @Test
  void queuedRequestsArePostedInGroupsOfAtMostTheLimit() throws Exception {
    List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch firstGroupStarted = new CountDownLatch(1);
    CountDownLatch releaseFirstGroup = new CountDownLatch(1);
    CardLanes lanes =
        new CardLanes(
            (t, h, ops) -> {
              groupSizes.add(ops.size());
              if (groupSizes.size() == 1) {
                firstGroupStarted.countDown();
                awaitLatch(releaseFirstGroup);
              }
              return echo(ops);
            },
            3,
            1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<OpResult> first = pool.submit(() -> lanes.post(TENANT, null, CARD, purchase("k0")));
      firstGroupStarted.await();
      List<Future<OpResult>> rest = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        String key = "k" + i;
        rest.add(pool.submit(() -> lanes.post(TENANT, null, CARD, purchase(key))));
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lanes.queuedForTest() == 7);
      releaseFirstGroup.countDown();

      assertThat(first.get().detail()).isEqualTo("k0");
      for (int i = 0; i < rest.size(); i++) {
        assertThat(rest.get(i).get().detail()).isEqualTo("k" + (i + 1));
      }
    }
    assertThat(groupSizes).containsExactly(1, 3, 3, 1);
  }

  @Test
  void anErrorOfThePosterReachesTheCallerUnwrapped() {
    CardLanes lanes =
        new CardLanes(
            (t, h, ops) -> {
              throw new LinkageError("poster class missing");
            },
            8,
            1);

    assertThatThrownBy(() -> lanes.post(TENANT, null, CARD, purchase("k")))
        .isExactlyInstanceOf(LinkageError.class)
        .hasMessage("poster class missing");
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
