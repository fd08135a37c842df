package io.meshdesk.ai.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.Drafter;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.testing.TestEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-tenant model budget, shared through real Redis by every worker. */
class RateLimitedDrafterIT {

  private static Redis redis;

  @BeforeAll
  static void start() {
    redis = new Redis(TestEnvironment.get().newRedis("ratelimit"));
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  @Test
  void draftsOverTheTenantsBudgetGoOfflineAndOtherTenantsKeepTheirs() throws Exception {
    // given two workers sharing a budget of 3 model calls a minute per tenant
    Named model = new Named("model");
    Named offline = new Named("offline");
    RateLimitedDrafter workerA = new RateLimitedDrafter(model, offline, redis.client(), 3);
    RateLimitedDrafter workerB = new RateLimitedDrafter(model, offline, redis.client(), 3);
    UUID noisy = UUID.randomUUID();
    UUID quiet = UUID.randomUUID();
    // when the noisy tenant asks for five drafts across both workers
    List<String> answeredBy = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      answeredBy.add((i % 2 == 0 ? workerA : workerB).draft(request(noisy), s -> {}).drafter());
    }
    // then three reach the model and the rest are answered offline at once
    assertThat(answeredBy).containsExactly("model", "model", "model", "offline", "offline");
    // and another tenant still has its whole budget
    assertThat(workerB.draft(request(quiet), s -> {}).drafter()).isEqualTo("model");
    assertThat(workerA.name()).isEqualTo("model");
  }

  private static DraftRequest request(UUID tenant) {
    return new DraftRequest(tenant, UUID.randomUUID(), "subject", "body", List.of(), "", List.of());
  }

  /** A drafter that answers with its own name as the model. */
  private record Named(String name) implements Drafter {
    @Override
    public Draft draft(DraftRequest request, Consumer<String> onReplyText) {
      return new Draft(
          Draft.Sentiment.NEUTRAL,
          0,
          "general",
          Draft.Priority.NORMAL,
          request.subject(),
          "reply",
          0.5,
          List.of(),
          name);
    }
  }
}
