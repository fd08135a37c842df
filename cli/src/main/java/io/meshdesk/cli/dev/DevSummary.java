package io.meshdesk.cli.dev;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code meshctl dev} prints once everything runs: each part's address, and how to reach it.
 */
final class DevSummary {

  private DevSummary() {}

  /**
   * One line per part that runs, then how to reach it (with TLS, the CA and meshctl's flags).
   *
   * @param metricsPort the Prometheus port, empty when metrics are off
   */
  static void print(
      PrintStream out,
      DevCommand.Running running,
      Optional<Path> pgData,
      Optional<Integer> metricsPort,
      Optional<DevTls> devTls) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "PostgreSQL",
          "127.0.0.1:" + running.postgresPort(),
          pgData.map(Path::toString).orElse("(throwaway data)")
        });
    rows.add(new String[] {"Redis", "127.0.0.1:" + running.redisPort(), "(in memory)"});
    rows.add(
        new String[] {
          "ticket-server", "127.0.0.1:" + running.ticketPort(), "identity, tickets, live streams"
        });
    rows.add(
        new String[] {
          "ledger-server",
          "127.0.0.1:" + running.ledgerPort(),
          "cards, postings, statements, reminders"
        });
    rows.add(
        new String[] {
          "ai-worker", "127.0.0.1:" + running.workerPort(), "triage and drafted replies"
        });
    if (running.webPort() >= 0) {
      rows.add(
          new String[] {
            "console",
            (devTls.isPresent() ? "https" : "http") + "://127.0.0.1:" + running.webPort() + "/",
            "browser console + grpc-web bridge"
          });
    }
    metricsPort.ifPresent(
        port ->
            rows.add(
                new String[] {"metrics", "http://127.0.0.1:" + port + "/metrics", "Prometheus"}));
    out.println();
    for (String[] r : rows) {
      out.printf("  %-14s %-32s %s%n", r[0], r[1], r[2]);
    }
    out.println();
    devTls.ifPresent(t -> t.printHowToConnect(out, running.ticketPort()));
    out.println(
        "meshctl dev: ready. Try `meshctl health --target 127.0.0.1:"
            + running.ticketPort()
            + devTls.map(t -> " --ca-file " + t.caFile()).orElse("")
            + "`. Ctrl-C stops.");
    out.flush();
  }
}
