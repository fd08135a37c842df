package io.meshdesk.cli.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench overload}: CreateTicket's sustained maximum (closed loop), a baseline at
 * half of it, then twice the maximum offered for {@code --overload-duration}, then half again.
 * Prints accepted and refused latency apart, health probes that were not SERVING, server-side
 * deadline misses, events lost on an agent stream, and how long p95 took to come back after the
 * load drops.
 */
@Command(
    name = "overload",
    description =
        "Twice CreateTicket's sustained maximum: what is accepted, what is refused, and recovery.")
public final class OverloadBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--max",
      description = "Sustained maximum in creates/s (default: measure it, closed loop).")
  Double max;

  @Option(
      names = "--factor",
      defaultValue = "2",
      description = "Offered load as a multiple of the maximum (default: ${DEFAULT-VALUE}).")
  double factor;

  @Option(
      names = "--overload-duration",
      defaultValue = "60s",
      converter = BenchOptions.DurationConverter.class,
      description = "How long the overload is offered (default: ${DEFAULT-VALUE}).")
  Duration overloadDuration;

  @Option(
      names = "--concurrency",
      defaultValue = "48",
      description = "Creates in flight while finding the maximum (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--pool-size",
      defaultValue = "24",
      description = "The server's PostgreSQL pool (default: ${DEFAULT-VALUE}).")
  int poolSize;

  // What the run counts across its phases.
  private final AtomicLong accepted = new AtomicLong();
  private final LatencyStats refusals = new LatencyStats();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong probes = new AtomicLong();
  private final AtomicLong notServing = new AtomicLong();

  @Override
  public Integer call() throws Exception {
    try (SystemUnderTest system = bench.start(SystemUnderTest.Kind.TICKET, 1, poolSize)) {
      String token = system.token(UUID.randomUUID(), UUID.randomUUID(), Role.AGENT);
      ManagedChannel channel = Bearer.channel(system.targets().getFirst());
      ManagedChannel watch = Bearer.channel(system.targets().getFirst());
      ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
      try {
        LoadGenerator.Operation create =
            createTicket(
                TicketServiceGrpc.newBlockingStub(channel).withCallCredentials(Bearer.of(token)));
        subscribe(watch, token);
        LoadGenerator.closedLoop(
            create, Math.min(concurrency, poolSize), bench.warmup, new LatencyStats());
        List<BenchResult> results = new ArrayList<>();
        double maximum = max != null ? max : measureMaximum(create, results);
        results.add(phase("overload.create.baseline", create, maximum / 2, bench.duration));
        Overload overload = overload(create, maximum, prober, HealthGrpc.newBlockingStub(watch));
        BenchResult recovered = measureAfter(create, maximum / 2);
        long recoverySeconds = recoverySeconds(results.getLast(), recovered);
        boolean caughtUp = awaitEvents(events, accepted.get());
        results.add(overload.offered().with(verdict(maximum, overload, recoverySeconds, system)));
        results.add(overload.refused());
        results.add(recovered);
        bench.print(results, System.out);
        return notServing.get() == 0 && caughtUp ? 0 : 1;
      } finally {
        prober.shutdownNow();
        channel.shutdownNow();
        watch.shutdownNow();
      }
    }
  }

  /** The overload phase as offered, and how long its refusals took. */
  private record Overload(BenchResult offered, BenchResult refused) {}

  /**
   * Offers {@code --factor} times the maximum for {@code --overload-duration} while health is
   * probed every 100 ms.
   */
  private Overload overload(
      LoadGenerator.Operation create,
      double maximum,
      ScheduledExecutorService prober,
      HealthGrpc.HealthBlockingStub health)
      throws InterruptedException {
    probeHealth(prober, health);
    refusals.reset();
    BenchResult offered =
        phase(
            "overload.create.offered_" + fmt(factor) + "x",
            create,
            maximum * factor,
            overloadDuration);
    BenchResult refused =
        BenchResult.of("overload.create.refused", refusals, seconds(overloadDuration), Map.of());
    prober.shutdownNow();
    return new Overload(offered, refused);
  }

  /** Seconds until p95 is back within half as much again as the baseline's, -1 if never. */
  private static long recoverySeconds(BenchResult baseline, BenchResult after) {
    double normalP95 = baseline.p95Ms();
    return recovery(after.timeline(), Math.max(normalP95 * 1.5, normalP95 + 2));
  }

  /** The overload phase's verdict: what was refused, lost and how soon latency recovered. */
  private Map<String, Object> verdict(
      double maximum, Overload overload, long recoverySeconds, SystemUnderTest system) {
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("sustained_max_per_s", Math.round(maximum));
    verdict.put("health_probes", probes.get());
    verdict.put("health_not_serving", notServing.get());
    Map<String, Long> errors = overload.offered().errorsByKind();
    verdict.put("client_deadline_exceeded", errors.getOrDefault("DEADLINE_EXCEEDED", 0L));
    verdict.put("refused_resource_exhausted", errors.getOrDefault("RESOURCE_EXHAUSTED", 0L));
    verdict.put("accepted_creates_total", accepted.get());
    verdict.put("events_on_agent_stream", events.get());
    verdict.put("lost_events", Math.max(0, accepted.get() - events.get()));
    verdict.put(
        "p95_back_to_baseline_after_s",
        recoverySeconds < 0 ? "not within the run" : recoverySeconds);
    if (system instanceof RemoteSut remote) {
      verdict.put(
          "server_log_deadline_or_pool_timeouts",
          remote.countLogLines("DEADLINE_EXCEEDED|Connection is not available"));
    }
    return verdict;
  }

  /** Creates a ticket; counts acceptances and records how long a refusal took. */
  private LoadGenerator.Operation createTicket(TicketServiceGrpc.TicketServiceBlockingStub stub) {
    CreateTicketRequest req =
        CreateTicketRequest.newBuilder().setSubject("Overload bench").setBody("Overload").build();
    return seq -> {
      long sent = System.nanoTime();
      try {
        stub.withDeadlineAfter(5, TimeUnit.SECONDS).createTicket(req);
        accepted.incrementAndGet();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
          refusals.record(System.nanoTime() - sent);
        }
        throw e;
      }
    };
  }

  /** The closed-loop maximum, added to {@code results}; returns its throughput. */
  private double measureMaximum(LoadGenerator.Operation create, List<BenchResult> results)
      throws InterruptedException {
    LatencyStats closed = new LatencyStats();
    Measured.closedLoop("overload.max", create, concurrency, bench.duration, closed);
    BenchResult r =
        BenchResult.of(
            "overload.create.max",
            closed,
            seconds(bench.duration),
            Map.of("concurrency", concurrency));
    results.add(r);
    return r.throughputPerSecond();
  }

  /** Checks health every 100 ms, counting the probes and the answers other than SERVING. */
  private void probeHealth(ScheduledExecutorService prober, HealthGrpc.HealthBlockingStub health) {
    prober.scheduleAtFixedRate(
        () -> {
          probes.incrementAndGet();
          try {
            if (health
                    .withDeadlineAfter(1, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus()
                != HealthCheckResponse.ServingStatus.SERVING) {
              notServing.incrementAndGet();
            }
          } catch (StatusRuntimeException e) {
            notServing.incrementAndGet();
          }
        },
        0,
        100,
        TimeUnit.MILLISECONDS);
  }

  /** The baseline rate again after the overload, to see how soon latency recovers. */
  private BenchResult measureAfter(LoadGenerator.Operation create, double rate)
      throws InterruptedException {
    LatencyStats after = new LatencyStats();
    Measured.fixedRate("overload.after", create, rate, bench.duration, 10_000, after);
    return BenchResult.of("overload.create.after", after, seconds(bench.duration), Map.of());
  }

  private BenchResult phase(String name, LoadGenerator.Operation op, double rate, Duration duration)
      throws InterruptedException {
    LatencyStats stats = new LatencyStats();
    Measured.fixedRate(name, op, rate, duration, 100_000, stats);
    return BenchResult.of(name, stats, seconds(duration), Map.of("target_rate", Math.round(rate)));
  }

  /**
   * Seconds after the load dropped until the end of the first second whose p95 is within {@code
   * bound}; -1 if never.
   */
  static long recovery(List<LatencyStats.Point> timeline, double bound) {
    if (timeline.isEmpty()) {
      return -1;
    }
    long t0 = timeline.getFirst().startMillis();
    for (LatencyStats.Point p : timeline) {
      if (p.operations() > 0 && p.p95Ms() <= bound) {
        return Math.round((p.endMillis() - t0) / 1000.0);
      }
    }
    return -1;
  }

  private void subscribe(ManagedChannel channel, String token) {
    ClientCalls.asyncServerStreamingCall(
        channel.newCall(
            EventProbe.subscribeMethod(),
            CallOptions.DEFAULT.withCallCredentials(Bearer.of(token))),
        SubscribeRequest.getDefaultInstance(),
        new StreamObserver<>() {
          @Override
          public void onNext(EventProbe e) {
            if (e.created()) {
              events.incrementAndGet();
            }
          }

          @Override
          public void onError(Throwable t) {
            System.err.println("overload: agent stream failed: " + LoadGenerator.kind(t));
          }

          @Override
          public void onCompleted() {}
        });
  }

  private static boolean awaitEvents(AtomicLong events, long expected) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (events.get() < expected && System.nanoTime() < end) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return events.get() >= expected;
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String fmt(double f) {
    return f == Math.rint(f) ? Long.toString((long) f) : Double.toString(f);
  }
}
