package io.meshdesk.cli.bench;

import io.grpc.ManagedChannel;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench api}: CreateTicket's sustained maximum (closed loop), CreateTicket at a
 * fixed rate (half that maximum unless {@code --rate} says otherwise; open model), then GetTicket
 * of the created tickets at a fixed rate: p50/p95/p99, throughput and errors, each beside the
 * floor.
 */
@Command(
    name = "api",
    description = "CreateTicket's sustained maximum, CreateTicket and GetTicket at fixed rates.")
public final class ApiBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--target",
      description = "Ticket server host:port (default: start one in its own JVM).")
  String target;

  @Option(names = "--token", description = "Agent access token (with --target).")
  String token;

  @Option(
      names = "--rate",
      description = "CreateTicket requests per second (default: half the measured maximum).")
  Double rate;

  @Option(
      names = "--get-rate",
      defaultValue = "500",
      description = "GetTicket requests per second (default: ${DEFAULT-VALUE}).")
  double getRate;

  @Option(
      names = "--concurrency",
      defaultValue = "48",
      description = "Creates in flight while finding the maximum (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--pool-size",
      defaultValue = "24",
      description =
          "The server's PostgreSQL pool, also the floor's connections (default: ${DEFAULT-VALUE}).")
  int poolSize;

  @Option(names = "--skip-max", description = "Skip the closed-loop maximum (needs --rate).")
  boolean skipMax;

  @Option(
      names = "--tenants",
      defaultValue = "1",
      description =
          "Tenants the creates are spread over (default: ${DEFAULT-VALUE}). One tenant's creates commit one at a"
              + " time (gap-free per-tenant numbers and event sequences), so one tenant measures that serial path.")
  int tenants;

  @Override
  public Integer call() throws Exception {
    checkOptions();
    SystemUnderTest system =
        target == null ? bench.start(SystemUnderTest.Kind.TICKET, 1, poolSize) : null;
    List<String> agentTokens = agentTokens(system);
    ManagedChannel channel = Bearer.channel(target != null ? target : system.targets().getFirst());
    try {
      var base = TicketServiceGrpc.newBlockingStub(channel);
      List<TicketServiceGrpc.TicketServiceBlockingStub> stubs =
          agentTokens.stream().map(tok -> base.withCallCredentials(Bearer.of(tok))).toList();
      List<String> ids = new CopyOnWriteArrayList<>();
      LoadGenerator.Operation create = createTicket(stubs, ids);
      List<BenchResult> results = new ArrayList<>();
      LoadGenerator.closedLoop(
          create, Math.min(concurrency, poolSize), bench.warmup, new LatencyStats());
      double createRate = skipMax ? rate : measureCreateMaximum(create, results);
      LatencyStats creates = createAtFixedRate(create, createRate, results);
      if (ids.isEmpty()) {
        bench.print(results, System.out);
        System.err.println("bench api: no ticket was created, so GetTicket was not measured");
        return 1;
      }
      LatencyStats gets = getAtFixedRate(getTicket(stubs.getFirst(), ids), results);
      bench.print(results, System.out);
      return creates.errorCount() + gets.errorCount() == 0 ? 0 : 1;
    } finally {
      channel.shutdownNow();
      if (system != null) {
        system.close();
      }
    }
  }

  private void checkOptions() {
    if (target != null && token == null) {
      throw new IllegalArgumentException("--token is required with --target");
    }
    if (skipMax && rate == null) {
      throw new IllegalArgumentException("--skip-max needs --rate");
    }
    if (tenants < 1 || tenants > 1000 || (token != null && tenants != 1)) {
      throw new IllegalArgumentException("--tenants must be 1..1000 (and 1 with --token)");
    }
  }

  /** One agent token per tenant: the given one, or fresh tenants of the started system. */
  private List<String> agentTokens(SystemUnderTest system) {
    List<String> agentTokens = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      agentTokens.add(
          token != null ? token : system.token(UUID.randomUUID(), UUID.randomUUID(), Role.AGENT));
    }
    return agentTokens;
  }

  /** Creates a ticket in tenant {@code seq % tenants}; keeps the first tenant's ids for gets. */
  private LoadGenerator.Operation createTicket(
      List<TicketServiceGrpc.TicketServiceBlockingStub> stubs, List<String> ids) {
    CreateTicketRequest req =
        CreateTicketRequest.newBuilder()
            .setSubject("API bench")
            .setBody("Unary benchmark body")
            .addTags("bench")
            .build();
    return seq -> {
      String id =
          stubs
              .get((int) (seq % tenants))
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .createTicket(req)
              .getTicket()
              .getId();
      if (seq % tenants == 0) {
        ids.add(id);
      }
    };
  }

  /** The closed-loop maximum; returns the rate of the fixed-rate run that follows. */
  private double measureCreateMaximum(LoadGenerator.Operation create, List<BenchResult> results)
      throws InterruptedException {
    LatencyStats max = new LatencyStats();
    Measured.closedLoop("api.create.max", create, concurrency, bench.duration, max);
    BenchResult maxResult =
        BenchResult.of(
            "api.create_ticket.max",
            max,
            seconds(),
            Map.of("concurrency", concurrency, "tenants", tenants));
    results.add(maxResult);
    return rate != null ? rate : Math.max(1, Math.floor(maxResult.throughputPerSecond() / 2));
  }

  private LatencyStats createAtFixedRate(
      LoadGenerator.Operation create, double createRate, List<BenchResult> results)
      throws InterruptedException {
    LatencyStats creates = new LatencyStats();
    Measured.fixedRate("api.create", create, createRate, bench.duration, 10_000, creates);
    results.add(
        BenchResult.of(
            "api.create_ticket",
            creates,
            seconds(),
            Map.of("target_rate", createRate, "tenants", tenants)));
    return creates;
  }

  private static LoadGenerator.Operation getTicket(
      TicketServiceGrpc.TicketServiceBlockingStub stub, List<String> ids) {
    return seq ->
        stub.withDeadlineAfter(5, TimeUnit.SECONDS)
            .getTicket(
                GetTicketRequest.newBuilder()
                    .setTicketId(ids.get((int) (seq % ids.size())))
                    .build());
  }

  /** A short warm-up (at most 3 s), then the measured run. */
  private LatencyStats getAtFixedRate(LoadGenerator.Operation get, List<BenchResult> results)
      throws InterruptedException {
    LoadGenerator.fixedRate(
        get,
        getRate,
        bench.warmup.compareTo(Duration.ofSeconds(3)) < 0 ? bench.warmup : Duration.ofSeconds(3),
        1000,
        new LatencyStats());
    LatencyStats gets = new LatencyStats();
    Measured.fixedRate("api.get", get, getRate, bench.duration, 10_000, gets);
    results.add(
        BenchResult.of(
            "api.get_ticket",
            gets,
            seconds(),
            Map.of("target_rate", getRate, BenchOptions.FLOOR_KEY, "select_only")));
    return gets;
  }

  private double seconds() {
    return bench.duration.toMillis() / 1000.0;
  }
}
