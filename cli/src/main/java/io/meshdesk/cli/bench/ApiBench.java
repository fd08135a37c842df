package io.meshdesk.cli.bench;

import io.grpc.ManagedChannel;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
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
 * {@code meshctl bench api}: unary CreateTicket, then GetTicket of the created tickets, each at a
 * fixed rate (open model): p50/p95/p99 and errors.
 */
@Command(name = "api", description = "Unary CreateTicket and GetTicket at a fixed rate.")
public final class ApiBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(names = "--target", description = "Ticket server host:port (default: start an embedded one).")
  String target;

  @Option(names = "--token", description = "Agent access token (with --target).")
  String token;

  @Option(names = "--rate", defaultValue = "500", description = "Requests per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Override
  public Integer call() throws Exception {
    if (target != null && token == null) {
      throw new IllegalArgumentException("--token is required with --target");
    }
    TicketBenchSystem system = target == null ? new TicketBenchSystem(1, System.err) : null;
    String t = target != null ? target : system.targets().get(0);
    String agentToken = token != null ? token : system.token(UUID.randomUUID(), UUID.randomUUID(), Role.AGENT);
    ManagedChannel channel = Bearer.channel(t);
    try {
      var stub = TicketServiceGrpc.newBlockingStub(channel).withCallCredentials(Bearer.of(agentToken));
      List<String> ids = new CopyOnWriteArrayList<>();
      CreateTicketRequest req = CreateTicketRequest.newBuilder().setSubject("API bench").setBody("Unary benchmark body").addTags("bench").build();
      LoadGenerator.Operation create = seq -> ids.add(stub.withDeadlineAfter(5, TimeUnit.SECONDS).createTicket(req).getTicket().getId());
      LatencyStats creates = new LatencyStats();
      LoadGenerator.fixedRate(create, rate, bench.warmup, 1000, creates);
      creates.reset();
      try (Progress p = new Progress("api.create", creates, 0, () -> 0, System.err)) {
        LoadGenerator.fixedRate(create, rate, bench.duration, 10_000, creates);
      }
      LoadGenerator.Operation get = seq -> stub.withDeadlineAfter(5, TimeUnit.SECONDS)
          .getTicket(GetTicketRequest.newBuilder().setTicketId(ids.get((int) (seq % ids.size()))).build());
      LatencyStats gets = new LatencyStats();
      try (Progress p = new Progress("api.get", gets, 0, () -> 0, System.err)) {
        LoadGenerator.fixedRate(get, rate, bench.duration, 10_000, gets);
      }
      double secs = bench.duration.toMillis() / 1000.0;
      bench.print(List.of(
          BenchResult.of("api.create_ticket", creates, secs, Map.of("target_rate", rate)),
          BenchResult.of("api.get_ticket", gets, secs, Map.of("target_rate", rate))), System.out);
      return creates.errorCount() + gets.errorCount() == 0 ? 0 : 1;
    } finally {
      channel.shutdownNow();
      if (system != null) {
        system.close();
      }
    }
  }
}
