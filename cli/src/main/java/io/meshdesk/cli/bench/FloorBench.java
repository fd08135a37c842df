package io.meshdesk.cli.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench floor}: only the floor, pgbench's TPC-B-like and select-only transactions
 * over JDBC, on the PostgreSQL the other scenarios use (started with a ticket-server, as they do).
 */
@Command(
    name = "floor",
    description =
        "pgbench's TPC-B-like and select-only transactions over JDBC: the floor of every scenario.")
public final class FloorBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--pool-size",
      defaultValue = "24",
      description = "Connections, as one server's pool (default: ${DEFAULT-VALUE}).")
  int poolSize;

  @Override
  public Integer call() throws Exception {
    bench.floor = true;
    try (SystemUnderTest system = bench.start(SystemUnderTest.Kind.TICKET, 1, poolSize)) {
      bench.print(List.of(), System.out);
      Floor.Result f = bench.floorResult();
      return f.tpcb().errors() + f.selectOnly().errors() == 0 ? 0 : 1;
    }
  }
}
