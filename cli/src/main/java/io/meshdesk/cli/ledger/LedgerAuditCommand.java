package io.meshdesk.cli.ledger;

import io.grpc.ManagedChannel;
import io.meshdesk.api.ledger.v1.AuditProgress;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.AuditSummary;
import io.meshdesk.api.ledger.v1.AuditViolation;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.WatchAuditRequest;
import io.meshdesk.api.ledger.v1.WatchAuditResponse;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.ProgressBar;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import io.meshdesk.cli.common.Terminal;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl ledger audit}: runs the ledger audit of the token's tenant and prints every
 * violation and a summary. Exit 0 when the ledger passes, 9 when violations were found. While the
 * audit runs, its progress goes to standard error: a bar redrawn in place on a terminal, otherwise
 * a plain line at most every second.
 */
@Command(
    name = "audit",
    description = "Check the ledger's invariants; exit 0 when clean, 9 on violations.")
@Rpc("meshdesk.ledger.v1.LedgerService/WatchAudit")
public final class LedgerAuditCommand implements Callable<Integer> {

  /** Exit code when the audit found violations. */
  public static final int EXIT_VIOLATIONS = 9;

  /** Least time between two plain progress lines (a bar on a terminal shows every report). */
  private static final long PLAIN_LINE_NANOS = TimeUnit.SECONDS.toNanos(1);

  @Mixin ClientOptions client;

  @Option(names = "--card", description = "Audit only this card id.", defaultValue = "")
  String card;

  @Option(
      names = "--max-violations",
      description = "Violations to list (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000")
  int maxViolations;

  @Option(
      names = "--timeout-seconds",
      description = "Deadline (default: ${DEFAULT-VALUE}).",
      defaultValue = "300")
  int timeoutSeconds;

  @Option(
      names = {"-q", "--quiet"},
      description = "Show no progress on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    ManagedChannel channel = client.channel();
    try {
      AuditResponse r =
          watch(
              LedgerServiceGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
                  .watchAudit(
                      WatchAuditRequest.newBuilder()
                          .setCardId(card)
                          .setMaxViolations(maxViolations)
                          .build()));
      Output out = client.printer();
      if (out.human()) {
        print(r, false, System.out);
      } else {
        out.print(r, () -> violations(r));
      }
      return r.getSummary().getPassed() ? 0 : EXIT_VIOLATIONS;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Shows the stream's progress on standard error and answers its final result. */
  private AuditResponse watch(Iterator<WatchAuditResponse> stream) {
    boolean terminal = Terminal.interactive();
    ProgressBar bar = null;
    long lastLine = 0;
    try {
      while (stream.hasNext()) {
        WatchAuditResponse m = stream.next();
        if (m.hasResult()) {
          return m.getResult();
        }
        AuditProgress p = m.getProgress();
        if (quiet
            || (!terminal && bar != null && System.nanoTime() - lastLine < PLAIN_LINE_NANOS)) {
          continue;
        }
        if (bar == null) {
          bar = new ProgressBar(System.err, "audit", p.getCardsTotal(), terminal);
        }
        bar.update(p.getCardsChecked(), note(p));
        lastLine = System.nanoTime();
      }
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
    throw new IllegalStateException("the audit stream ended without a result");
  }

  private static String note(AuditProgress p) {
    return String.format(
        Locale.ROOT,
        "cards; %s (%d/%d), %d violation(s)",
        Formats.enumWord(p.getPhase().name(), "AUDIT_PHASE_").replace('_', ' '),
        p.getPhaseNumber(),
        p.getPhaseCount(),
        p.getViolationCount());
  }

  /** The violations as a table: kind, entity type, entity id, detail. */
  static Table violations(AuditResponse r) {
    Table t = new Table("kind", "entity_type", "entity_id", "detail");
    for (AuditViolation v : r.getViolationsList()) {
      t.row(kind(v), v.getEntityType(), v.getEntityId(), v.getDetail());
    }
    return t;
  }

  private static String kind(AuditViolation v) {
    return v.getKind().name().substring("VIOLATION_KIND_".length());
  }

  /** Prints an audit result as a report for people or as JSON lines (the benchmark's form). */
  public static void print(AuditResponse r, boolean json, PrintStream out) {
    AuditSummary s = r.getSummary();
    double seconds = s.getDuration().getSeconds() + s.getDuration().getNanos() / 1e9;
    if (json) {
      for (AuditViolation v : r.getViolationsList()) {
        out.printf(
            "{\"kind\":\"%s\",\"entity_type\":\"%s\",\"entity_id\":\"%s\",\"detail\":\"%s\"}%n",
            v.getKind().name().substring(15),
            v.getEntityType(),
            v.getEntityId(),
            v.getDetail().replace("\"", "\\\""));
      }
      out.printf(
          "{\"passed\":%s,\"violations\":%d,\"cards\":%d,\"entries\":%d,\"postings\":%d,\"holds\":%d,"
              + "\"statements\":%d,\"seconds\":%.3f,\"truncated\":%s}%n",
          s.getPassed(),
          s.getViolationCount(),
          s.getCardsChecked(),
          s.getEntriesChecked(),
          s.getPostingsChecked(),
          s.getHoldsChecked(),
          s.getStatementsChecked(),
          seconds,
          r.getTruncated());
      return;
    }
    for (AuditViolation v : r.getViolationsList()) {
      out.printf(
          "%-26s %-14s %-36s %s%n",
          v.getKind().name().substring(15), v.getEntityType(), v.getEntityId(), v.getDetail());
    }
    out.printf(
        "audit %s: %d violation(s)%s; checked %d cards, %d entries, %d postings, %d holds, %d statements"
            + " in %.2f s%n",
        s.getPassed() ? "PASSED" : "FAILED",
        s.getViolationCount(),
        r.getTruncated() ? " (list truncated)" : "",
        s.getCardsChecked(),
        s.getEntriesChecked(),
        s.getPostingsChecked(),
        s.getHoldsChecked(),
        s.getStatementsChecked(),
        seconds);
  }
}
