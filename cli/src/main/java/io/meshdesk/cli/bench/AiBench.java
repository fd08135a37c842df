package io.meshdesk.cli.bench;

import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench ai}: the offline drafting path of one AI job as the worker runs it, BM25
 * retrieval over the tenant's knowledge (top 5) then triage, summary and reply composition; latency
 * one at a time, then throughput with all cores busy. The index holds {@code --documents} solved
 * tickets and articles of the measured tenant plus as many of other tenants. Then, unless {@code
 * --e2e-count 0}, the end-to-end path ({@link AiEndToEnd}): ticket creation to {@code
 * SuggestionReady} at an agent's stream on the whole system, {@code meshctl dev} in a JVM of its
 * own (in this one with {@code --in-process}).
 */
@Command(
    name = "ai",
    description = {
      "Offline drafting (retrieval + triage + reply) latency p50/p95/p99 and throughput,",
      "then ticket creation -> SuggestionReady at an agent stream on an embedded dev system."
    })
public final class AiBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--documents",
      defaultValue = "2000",
      description = "Solved tickets and articles per tenant (default: ${DEFAULT-VALUE}).")
  int documents;

  @Option(
      names = "--e2e-rate",
      defaultValue = "5",
      description = "End to end: tickets created per second (default: ${DEFAULT-VALUE}).")
  double e2eRate;

  @Option(
      names = "--e2e-count",
      defaultValue = "100",
      description = "End to end: tickets measured, 0 to skip (default: ${DEFAULT-VALUE}).")
  int e2eCount;

  private static final String[][] TOPICS = {
    {
      "Cannot log in after password reset",
      "I reset my password and the app still says it is wrong.",
      "Clear the saved password in your browser, sign out on other devices and sign in with the new password."
    },
    {
      "Charged twice this month",
      "My card was charged twice for the same invoice, refund the duplicate.",
      "I confirmed the duplicate charge and refunded the second payment; allow 5-10 business days."
    },
    {
      "Two-factor code rejected",
      "The code from my authenticator app is always invalid.",
      "Enable automatic date and time on your phone and use a fresh code, or a backup code."
    },
    {
      "Export stuck at processing",
      "My CSV export of tickets never finishes.",
      "Large exports run in the background; the download link was emailed and is valid for 7 days."
    },
    {
      "Notification emails missing",
      "We stopped receiving ticket notification emails.",
      "Ask IT to allow notifications@meshdesk.example; corporate filters were quarantining them."
    },
    {
      "Invoice shows wrong tax",
      "The VAT on my invoice is wrong for my country.",
      "Update the billing address under Billing > Details; the next invoice uses the new tax treatment."
    },
  };

  private static final String[] TICKETS = {
    "Hi, I changed my password yesterday and now I cannot sign in at all. This is really frustrating!",
    "You billed my credit card twice for the April invoice. Please refund one of the charges.",
    "My two-factor codes stopped working after I got a new phone.",
    "The data export has been processing for hours, where is my file?",
    "Nobody on my team gets email notifications any more.",
  };

  @Override
  public Integer call() throws Exception {
    UUID tenant = UUID.randomUUID();
    OfflineDrafter drafter = new OfflineDrafter();
    try (KnowledgeIndex index = KnowledgeIndex.inMemory()) {
      for (UUID t : List.of(tenant, UUID.randomUUID())) {
        indexDocuments(index, t);
      }
      LoadGenerator.Operation op = draftReply(index, drafter, tenant);
      int cores = Runtime.getRuntime().availableProcessors();
      LatencyStats stats = new LatencyStats();
      LoadGenerator.closedLoop(op, cores, bench.warmup, stats);
      stats.reset();
      try (Progress p = new Progress("ai.offline", stats, 0, () -> 0, System.err)) {
        LoadGenerator.closedLoop(op, 1, bench.duration, stats);
      }
      LatencyStats loaded = new LatencyStats();
      LoadGenerator.closedLoop(op, cores, bench.duration, loaded);
      List<BenchResult> results = new ArrayList<>(offlineResults(stats, loaded, cores));
      if (e2eCount > 0) {
        results.add(
            new AiEndToEnd(
                    e2eRate,
                    e2eCount,
                    bench.warmup,
                    bench.inProcess,
                    !bench.fastDb && !bench.inProcess)
                .run(TICKETS));
      }
      bench.print(results, System.out);
      return results.stream().mapToLong(BenchResult::errors).sum() == 0 ? 0 : 1;
    }
  }

  /** The tenant's documents: every fifth an article, the others resolved tickets. */
  private void indexDocuments(KnowledgeIndex index, UUID tenant) {
    for (int i = 0; i < documents; i++) {
      String[] topic = TOPICS[i % TOPICS.length];
      if (i % 5 == 4) {
        index.upsertArticle(
            tenant,
            UUID.randomUUID().toString(),
            topic[0] + " (guide " + i + ")",
            topic[2] + " " + topic[1]);
      } else {
        index.upsertTicketResolution(
            tenant, UUID.randomUUID().toString(), topic[0] + " #" + i, topic[1], topic[2]);
      }
    }
  }

  /** Retrieves context for one of the sample tickets and drafts a reply offline. */
  private static LoadGenerator.Operation draftReply(
      KnowledgeIndex index, OfflineDrafter drafter, UUID tenant) {
    return seq -> {
      String body = TICKETS[(int) (seq % TICKETS.length)];
      String subject = body.substring(0, Math.min(40, body.length()));
      var context = index.search(tenant, subject + "\n" + body, 5);
      drafter.draft(
          new DraftRequest(tenant, UUID.randomUUID(), subject, body, List.of(), "", context),
          text -> {});
    };
  }

  private List<BenchResult> offlineResults(LatencyStats stats, LatencyStats loaded, int cores) {
    double seconds = bench.duration.toMillis() / 1000.0;
    return List.of(
        BenchResult.of(
            "ai.offline_draft",
            stats,
            seconds,
            Map.of(
                "documents_per_tenant",
                documents,
                "concurrency",
                1,
                "goal_p95_ms",
                50,
                "system",
                "the offline drafter as a library in the bench's JVM (no server)")),
        BenchResult.of(
            "ai.offline_draft.loaded",
            loaded,
            seconds,
            Map.of("documents_per_tenant", documents, "concurrency", cores)));
  }
}
