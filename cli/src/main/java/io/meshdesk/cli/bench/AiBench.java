package io.meshdesk.cli.bench;

import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.offline.OfflineDrafter;
import io.meshdesk.ai.retrieval.IndexEntry;
import io.meshdesk.ai.retrieval.IndexedLabel;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import io.meshdesk.ai.triage.LearnedTriage;
import io.meshdesk.ai.worker.RelatedConfig;
import io.meshdesk.ai.worker.TicketDrafting;
import io.meshdesk.ai.worker.WorkerConfig;
import io.meshdesk.api.ticket.v1.Ticket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench ai}: the in-process part of one AI job as the worker runs it ({@link
 * TicketDrafting}, then the similar solved tickets of the suggestion): the ticket embedded by the
 * bundled sentence model, hybrid retrieval (BM25 and HNSW vectors fused by rank) of the top 5, the
 * offline drafter (triage, summary, reply), the triage learned from the tenant's labelled tickets,
 * and the similar solved tickets; latency one at a time, then throughput with all cores busy. The
 * index is the worker's ({@code KnowledgeIndex.inMemory(Embedder.shared())}) holding {@code
 * --documents} solved tickets (each also a labelled ticket, as the worker records them) and
 * articles of the measured tenant plus as many of another tenant, embedded in batches first. The
 * ticket server's part (reading the ticket, streaming the reply, the duplicate lookup, attaching)
 * is not included. Then, unless {@code --e2e-count 0}, the end-to-end path ({@link AiEndToEnd}):
 * ticket creation to {@code SuggestionReady} at an agent's stream on the whole system, {@code
 * meshctl dev} in a JVM of its own (in this one with {@code --in-process}).
 */
@Command(
    name = "ai",
    description = {
      "Offline drafting, embedding included, latency p50/p95/p99 and throughput",
      "(the worker's job path: embedding, hybrid retrieval, draft, learned triage,",
      "similar tickets),",
      "then ticket creation -> SuggestionReady at an agent stream on an embedded dev system."
    })
public final class AiBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--documents",
      defaultValue = "500",
      description =
          "Solved tickets and articles per tenant, embedded before the run"
              + " (default: ${DEFAULT-VALUE}).")
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

  /** Category and priority the solved tickets of each topic ended with (their labels). */
  private static final String[][] LABELS = {
    {"account", "HIGH"},
    {"billing", "HIGH"},
    {"account", "NORMAL"},
    {"data", "NORMAL"},
    {"notifications", "NORMAL"},
    {"billing", "LOW"},
  };

  /** Documents embedded per call to the model, as the worker's start-up rebuild does. */
  private static final int BATCH = 64;

  @Override
  public Integer call() throws Exception {
    UUID tenant = UUID.randomUUID();
    long setupStart = System.nanoTime();
    try (KnowledgeIndex index = KnowledgeIndex.inMemory(Embedder.shared())) {
      for (UUID t : List.of(tenant, UUID.randomUUID())) {
        indexDocuments(index, t);
      }
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      System.err.printf(
          Locale.ROOT, "  ai.index  done: 2 tenants embedded in %.1f s%n", setupSeconds);
      boolean learned = documents - documents / 5 >= LearnedTriage.MIN_HISTORY;
      LoadGenerator.Operation op = jobPath(index, tenant, learned);
      int cores = Runtime.getRuntime().availableProcessors();
      LatencyStats stats = new LatencyStats();
      LoadGenerator.closedLoop(op, cores, bench.warmup, stats);
      stats.reset();
      try (Progress p = new Progress("ai.offline", stats, 0, () -> 0, System.err)) {
        LoadGenerator.closedLoop(op, 1, bench.duration, stats);
      }
      LatencyStats loaded = new LatencyStats();
      LoadGenerator.closedLoop(op, cores, bench.duration, loaded);
      List<BenchResult> results =
          new ArrayList<>(offlineResults(stats, loaded, cores, setupSeconds));
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

  /**
   * The tenant's documents, embedded in batches: every fifth an article, the others solved tickets,
   * each of those also a labelled ticket for learned triage. Prints progress to stderr.
   */
  private void indexDocuments(KnowledgeIndex index, UUID tenant) {
    List<IndexEntry> entries = new ArrayList<>(BATCH);
    List<IndexedLabel> labels = new ArrayList<>(BATCH);
    long start = System.nanoTime();
    long lastPrint = start;
    for (int i = 0; i < documents; i++) {
      String[] topic = TOPICS[i % TOPICS.length];
      String id = UUID.randomUUID().toString();
      if (i % 5 == 4) {
        entries.add(
            new IndexEntry(
                tenant,
                Kind.ARTICLE,
                id,
                topic[0] + " (guide " + i + ")",
                topic[2] + " " + topic[1],
                ""));
      } else {
        String subject = topic[0] + " #" + i;
        entries.add(new IndexEntry(tenant, Kind.RESOLVED_TICKET, id, subject, topic[1], topic[2]));
        String[] label = LABELS[i % LABELS.length];
        labels.add(
            new IndexedLabel(
                tenant, id, subject + "\n" + topic[1], label[0], label[1], "", "NEGATIVE"));
      }
      if (entries.size() == BATCH || i == documents - 1) {
        index.upsertAll(entries);
        index.upsertLabels(labels);
        entries.clear();
        labels.clear();
      }
      long now = System.nanoTime();
      if (now - lastPrint > 2_000_000_000L || i == documents - 1) {
        lastPrint = now;
        System.err.printf(
            Locale.ROOT,
            "  ai.index  tenant %s: %d/%d documents embedded and indexed, %.0f s%n",
            tenant.toString().substring(0, 8),
            i + 1,
            documents,
            (now - start) / 1e9);
      }
    }
  }

  /**
   * One job's in-process path for one of the sample tickets: draft as the worker does (embedding,
   * hybrid retrieval, offline draft, learned triage), then the suggestion's similar solved tickets.
   */
  private static LoadGenerator.Operation jobPath(
      KnowledgeIndex index, UUID tenant, boolean learned) {
    TicketDrafting drafting =
        new TicketDrafting(
            index,
            new OfflineDrafter(),
            WorkerConfig.defaults().retrievalLimit(),
            Clock.systemUTC());
    int similar = RelatedConfig.defaults().similarLimit();
    return seq -> {
      String body = TICKETS[(int) (seq % TICKETS.length)];
      String subject = body.substring(0, Math.min(40, body.length()));
      Ticket ticket =
          Ticket.newBuilder()
              .setId(UUID.randomUUID().toString())
              .setSubject(subject)
              .setBody(body)
              .build();
      TicketDrafting.Drafted drafted = drafting.draft(tenant, ticket, text -> {});
      if (learned && !drafted.draft().drafter().contains("triage learned")) {
        throw new IllegalStateException("learned triage did not run: " + drafted.draft().drafter());
      }
      index.similarResolutions(tenant, subject + "\n" + body, drafted.vector(), similar + 1);
    };
  }

  private List<BenchResult> offlineResults(
      LatencyStats stats, LatencyStats loaded, int cores, double setupSeconds) {
    double seconds = bench.duration.toMillis() / 1000.0;
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("documents_per_tenant", documents);
    facts.put("index_setup_s", Math.round(setupSeconds * 10) / 10.0);
    facts.put("embedding", Embedder.MODEL);
    facts.put("concurrency", 1);
    facts.put("goal_p95_ms", 50);
    facts.put(
        "system",
        "the worker's job path in the bench's JVM (no server): embed the ticket, hybrid retrieval"
            + " top 5, offline draft, learned triage, similar solved tickets");
    return List.of(
        BenchResult.of("ai.offline_draft", stats, seconds, facts),
        BenchResult.of(
            "ai.offline_draft.loaded",
            loaded,
            seconds,
            Map.of("documents_per_tenant", documents, "concurrency", cores)));
  }
}
