package io.meshdesk.cli.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.GetTicketRequest;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench train-aot}: builds the JDK's ahead-of-time cache ({@code -XX:AOTCache}, JDK
 * 25+) for a server JVM by recording a short workload: a ticket-server runs in a JVM started with
 * {@code -XX:AOTCacheOutput} while the bench creates, reads and streams tickets; the cache is
 * written when that JVM exits. A JVM started with {@code -XX:AOTCache=FILE} and the same class path
 * then starts with those classes loaded and linked and their profiles recorded, instead of spending
 * its first minute in the interpreter.
 */
@Command(
    name = "train-aot",
    description = "Record a short workload into a JDK AOT cache for faster cold starts (JDK 25+).")
public final class AotTrainCommand implements Callable<Integer> {

  @Option(
      names = "--output",
      defaultValue = "meshctl.aot",
      description = "Cache file to write (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--duration",
      defaultValue = "20s",
      converter = BenchOptions.DurationConverter.class,
      description = "Recorded workload (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--rate",
      defaultValue = "100",
      description = "Creates per second while recording (default: ${DEFAULT-VALUE}).")
  double rate;

  @Override
  public Integer call() throws Exception {
    if (Runtime.version().feature() < 25) {
      throw new IllegalArgumentException(
          "train-aot needs JDK 25 or newer (this is " + Runtime.version() + ")");
    }
    Path file = output.toAbsolutePath();
    Files.deleteIfExists(file);
    SystemUnderTest.Spec spec = new SystemUnderTest.Spec(SystemUnderTest.Kind.TICKET, 1, 24, false);
    try (RemoteSut sut = RemoteSut.start(spec, List.of("-XX:AOTCacheOutput=" + file), System.err)) {
      String token = sut.token(UUID.randomUUID(), UUID.randomUUID(), Role.AGENT);
      ManagedChannel channel = Bearer.channel(sut.targets().getFirst());
      try {
        var stub = TicketServiceGrpc.newBlockingStub(channel).withCallCredentials(Bearer.of(token));
        ClientCalls.asyncServerStreamingCall(
            channel.newCall(
                TicketServiceGrpc.getSubscribeMethod(),
                CallOptions.DEFAULT.withCallCredentials(Bearer.of(token))),
            SubscribeRequest.getDefaultInstance(),
            new Ignore());
        List<String> ids = new CopyOnWriteArrayList<>();
        CreateTicketRequest req =
            CreateTicketRequest.newBuilder()
                .setSubject("AOT training")
                .setBody("Recorded workload")
                .build();
        LatencyStats stats = new LatencyStats();
        Measured.fixedRate(
            "train-aot",
            seq -> {
              if (seq % 3 == 2 && !ids.isEmpty()) {
                stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getTicket(
                        GetTicketRequest.newBuilder()
                            .setTicketId(ids.get((int) (seq % ids.size())))
                            .build());
              } else {
                ids.add(
                    stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .createTicket(req)
                        .getTicket()
                        .getId());
              }
            },
            rate,
            duration,
            10_000,
            stats);
      } finally {
        channel.shutdownNow();
      }
      System.err.println(
          "train-aot: stopping the recording JVM; it writes the cache as it exits...");
    }
    if (!Files.exists(file)) {
      System.err.println("train-aot: the JVM wrote no cache at " + file);
      return 1;
    }
    System.out.printf(
        "wrote %s (%,d bytes); use it with -XX:AOTCache=%s and the same class path%n",
        file, Files.size(file), file);
    return 0;
  }

  private static final class Ignore implements StreamObserver<SubscribeResponse> {
    @Override
    public void onNext(SubscribeResponse value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
