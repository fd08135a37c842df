package io.meshdesk.cli.ledger;

import io.grpc.ManagedChannel;
import io.meshdesk.api.ledger.v1.AuditRequest;
import io.meshdesk.api.ledger.v1.AuditResponse;
import io.meshdesk.api.ledger.v1.AuditSummary;
import io.meshdesk.api.ledger.v1.AuditViolation;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl ledger audit}: runs the ledger audit of the token's tenant and prints every
 * violation and a summary. Exit 0 when the ledger passes, 9 when violations were found.
 */
@Command(
    name = "audit",
    description = "Check the ledger's invariants; exit 0 when clean, 9 on violations.")
@Rpc("meshdesk.ledger.v1.LedgerService/Audit")
public final class LedgerAuditCommand implements Callable<Integer> {

  /** Exit code when the audit found violations. */
  public static final int EXIT_VIOLATIONS = 9;

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

  @Override
  public Integer call() throws InterruptedException {
    ManagedChannel channel = client.channel();
    try {
      AuditResponse r =
          LedgerServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
              .audit(
                  AuditRequest.newBuilder()
                      .setCardId(card)
                      .setMaxViolations(maxViolations)
                      .build());
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
