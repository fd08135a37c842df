package io.meshdesk.cli.bench;

import picocli.CommandLine.Command;

/** {@code meshctl bench}: measured scenarios printing p50/p95/p99 and throughput. */
@Command(
    name = "bench",
    description = {
      "Run a benchmark scenario and print p50/p95/p99 latency and throughput.",
      "Without --target a scenario starts its own embedded system in this JVM."
    },
    subcommands = {HealthBench.class, AiBench.class, LedgerBench.class, BroadcastBench.class, ApiBench.class, RemindersBench.class})
public final class BenchCommand {}
