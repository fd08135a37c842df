package io.meshdesk.cli.bench;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.cli.common.ClientOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench health}: unary gRPC round trips (Health.Check) at a fixed rate: the floor
 * under every other unary figure (transport, interceptors, executor).
 */
@Command(
    name = "health",
    description = "Unary Health.Check at a fixed rate: transport and interceptor floor.")
public final class HealthBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--target",
      description = "host:port to measure (default: start a ticket-server in its own JVM).")
  String target;

  @Option(
      names = "--rate",
      defaultValue = "500",
      description = "Requests per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Override
  public Integer call() throws Exception {
    if (rate <= 0) {
      throw new IllegalArgumentException("--rate must be positive");
    }
    SystemUnderTest system =
        target == null ? bench.start(SystemUnderTest.Kind.TICKET, 1, 24) : null;
    try {
      ClientOptions.HostPort hp =
          ClientOptions.HostPort.parse(target != null ? target : system.targets().getFirst());
      ManagedChannel channel =
          io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(hp.host(), hp.port())
              .usePlaintext()
              .build();
      try {
        var stub = HealthGrpc.newBlockingStub(channel);
        HealthCheckRequest request = HealthCheckRequest.getDefaultInstance();
        LoadGenerator.Operation op =
            seq -> stub.withDeadlineAfter(5, TimeUnit.SECONDS).check(request);
        LatencyStats stats = new LatencyStats();
        LoadGenerator.fixedRate(op, rate, bench.warmup, 1000, stats);
        stats.reset();
        Measured.fixedRate("health", op, rate, bench.duration, 10_000, stats);
        bench.print(
            List.of(
                BenchResult.of(
                    "health.check",
                    stats,
                    bench.duration.toMillis() / 1000.0,
                    Map.of("target_rate", rate))),
            System.out);
        return stats.errorCount() == 0 ? 0 : 1;
      } finally {
        channel.shutdownNow();
      }
    } finally {
      if (system != null) {
        system.close();
      }
    }
  }
}
