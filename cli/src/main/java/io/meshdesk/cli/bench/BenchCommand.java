package io.meshdesk.cli.bench;

import picocli.CommandLine.Command;

/** {@code meshctl bench}: measured scenarios printing p50/p95/p99 and throughput. */
@Command(
    name = "bench",
    description = {
      "Run a benchmark scenario and print p50/p95/p99 latency and throughput.",
      "Without --target a scenario starts its servers, embedded PostgreSQL (durable) and Redis in a",
      "JVM of its own, first measures the floor (pgbench's TPC-B-like and select-only transactions",
      "over JDBC on the same PostgreSQL and pool size), and prints every figure beside it."
    },
    subcommands = {
      FloorBench.class,
      HealthBench.class,
      AiBench.class,
      AiQualityBench.class,
      LedgerBench.class,
      BroadcastBench.class,
      ApiBench.class,
      OverloadBench.class,
      RemindersBench.class,
      AotTrainCommand.class,
      SutCommand.class
    })
public final class BenchCommand {}
