package io.meshdesk.cli.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench broadcast}: N agent Subscribe streams spread over the instances, tickets
 * created at a fixed rate through the first instance; latency from the commit of the creating
 * transaction (PostgreSQL's own commit timestamp) to the event's receipt at each agent, separately
 * for agents on the creating instance and on the others (through Redis either way). Against {@code
 * --target} servers, whose database the bench cannot read, latency counts from the event's
 * occurred_at (taken when the transaction began: an upper bound) and says so.
 */
@Command(
    name = "broadcast",
    description = "Ticket change -> agent stream latency with N streams at a create rate.")
public final class BroadcastBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--target",
      split = ",",
      description = "Ticket servers host:port[,host:port] (default: start them in their own JVM).")
  List<String> target;

  @Option(names = "--token", description = "Agent access token (with --target).")
  String token;

  @Option(
      names = "--streams",
      defaultValue = "1000",
      description = "Agent streams (default: ${DEFAULT-VALUE}).")
  int streams;

  @Option(
      names = "--rate",
      defaultValue = "500",
      description = "Ticket creates per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--instances",
      defaultValue = "1",
      description = "Ticket servers to start (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(
      names = "--pool-size",
      defaultValue = "24",
      description = "Each server's PostgreSQL pool (default: ${DEFAULT-VALUE}).")
  int poolSize;

  /** What every create sends. */
  private static final CreateTicketRequest CREATE =
      CreateTicketRequest.newBuilder()
          .setSubject("Bench ticket")
          .setBody("Broadcast benchmark body")
          .build();

  @Override
  public Integer call() throws Exception {
    if (target != null && token == null) {
      throw new IllegalArgumentException("--token is required with --target");
    }
    SystemUnderTest system =
        target == null ? bench.start(SystemUnderTest.Kind.TICKET, instances, poolSize) : null;
    List<String> targets = target != null ? target : system.targets();
    UUID tenant = UUID.randomUUID();
    String agentToken = token != null ? token : system.token(tenant, UUID.randomUUID(), Role.AGENT);
    List<ManagedChannel> channels = new ArrayList<>();
    try {
      Agents agents =
          connectAgents(channels, targets, () -> streamToken(system, tenant, agentToken));
      var creator = creator(channels, targets.getFirst(), agentToken);
      awaitEveryStreamLive(creator, agents.received());
      LatencyStats creates =
          measure(
              seq -> creator.withDeadlineAfter(5, TimeUnit.SECONDS).createTicket(CREATE), agents);
      // Read the histograms once every event of every accepted create has arrived (or 30 s passed).
      long expected = creates.count() * streams;
      boolean complete = awaitUntil(() -> agents.delivered() >= expected, Duration.ofSeconds(30));
      long delivered = agents.delivered();
      agents.receivers().forEach(Receiver::stopRecording);
      LatencyStats[] measured =
          system != null
              ? fromCommit(agents.receivers(), system.postgresPort(), tenant)
              : new LatencyStats[] {agents.local(), agents.remote()};
      bench.print(
          results(measured, creates, targets.size(), expected, delivered, system != null),
          System.out);
      return verdict(complete, expected, delivered, agents.streamErrors(), creates.errorCount());
    } finally {
      channels.forEach(ManagedChannel::shutdownNow);
      if (system != null) {
        system.close();
      }
    }
  }

  /**
   * The agent streams: their receivers, the latency of those on the creating instance ({@code
   * local}) and on the others ({@code remote}), and the events received in all.
   */
  private record Agents(
      List<Receiver> receivers, LatencyStats local, LatencyStats remote, AtomicLong received) {

    long delivered() {
      return local.count() + remote.count();
    }

    long streamErrors() {
      return local.errorCount() + remote.errorCount();
    }
  }

  /** Opens the channels to every target and the {@code --streams} agent streams over them. */
  private Agents connectAgents(
      List<ManagedChannel> channels, List<String> targets, Supplier<String> tokens) {
    int perTarget = channelsPerTarget(targets.size());
    for (String t : targets) {
      for (int i = 0; i < perTarget; i++) {
        channels.add(Bearer.directChannel(t));
      }
    }
    LatencyStats local = new LatencyStats();
    LatencyStats remote = new LatencyStats();
    AtomicLong received = new AtomicLong();
    List<Receiver> receivers = subscribe(channels, perTarget, local, remote, received, tokens);
    return new Agents(receivers, local, remote, received);
  }

  /** The creating stub, on its own channel away from the receivers' network threads. */
  private static TicketServiceGrpc.TicketServiceBlockingStub creator(
      List<ManagedChannel> channels, String target, String token) {
    ManagedChannel createChannel = Bearer.channel(target);
    channels.add(createChannel);
    return TicketServiceGrpc.newBlockingStub(createChannel).withCallCredentials(Bearer.of(token));
  }

  /**
   * Warms up, then creates at {@code --rate} for {@code --duration} while every receiver records;
   * returns the creates' own latency.
   */
  private LatencyStats measure(LoadGenerator.Operation create, Agents agents)
      throws InterruptedException {
    LatencyStats creates = new LatencyStats();
    warmUpAndDrain(create, creates, agents.received());
    agents.local().reset();
    agents.remote().reset();
    creates.reset();
    agents.receivers().forEach(Receiver::startRecording);
    try (Progress p = Progress.over("broadcast", agents.local(), bench.duration, System.err)) {
      LoadGenerator.fixedRate(create, rate, bench.duration, 10_000, creates);
    }
    return creates;
  }

  /** 0 when every event arrived without a stream or create error; 1, and why, otherwise. */
  private static int verdict(
      boolean complete, long expected, long delivered, long streamErrors, long createErrors) {
    if (!complete || streamErrors > 0 || createErrors > 0) {
      System.err.printf(
          "broadcast: FAILED: %d of %d events delivered, %d stream error(s), %d create error(s)%n",
          delivered, expected, streamErrors, createErrors);
      return 1;
    }
    return 0;
  }

  /**
   * A server allows a bounded number of concurrent calls per connection (as Envoy's upstream pool
   * spreads streams over connections): enough channels per target that no stream waits for a slot.
   */
  private int channelsPerTarget(int targets) {
    return Math.max(Math.max(1, 4 / targets), (streams / targets + 499) / 500);
  }

  /**
   * Opens the agent streams round-robin over the channels, each with a token from {@code tokens};
   * those on the first target's channels record into {@code local}, the others into {@code remote}.
   */
  private List<Receiver> subscribe(
      List<ManagedChannel> channels,
      int perTarget,
      LatencyStats local,
      LatencyStats remote,
      AtomicLong received,
      Supplier<String> tokens) {
    List<Receiver> receivers = new ArrayList<>();
    MethodDescriptor<SubscribeRequest, EventProbe> probe = EventProbe.subscribeMethod();
    for (int i = 0; i < streams; i++) {
      int channelIndex = i % channels.size();
      boolean onCreator = channelIndex / perTarget == 0;
      Receiver receiver = new Receiver(onCreator ? local : remote, received, onCreator);
      receivers.add(receiver);
      ClientCalls.asyncServerStreamingCall(
          channels
              .get(channelIndex)
              .newCall(probe, CallOptions.DEFAULT.withCallCredentials(Bearer.of(tokens.get()))),
          SubscribeRequest.getDefaultInstance(),
          receiver);
    }
    return receivers;
  }

  /** Every stream must be live before measuring: one ticket must reach all of them. */
  private void awaitEveryStreamLive(
      TicketServiceGrpc.TicketServiceBlockingStub creator, AtomicLong received) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean live = false;
    while (!live && System.nanoTime() < deadline) {
      received.set(0);
      creator.withDeadlineAfter(5, TimeUnit.SECONDS).createTicket(CREATE);
      live = awaitUntil(() -> received.get() >= streams, Duration.ofSeconds(2));
    }
    if (!live) {
      throw new IllegalStateException(
          "not every agent stream went live within 60 s ("
              + received.get()
              + " of "
              + streams
              + ")");
    }
  }

  /**
   * Creates at the rate for the warm-up, then lets its events drain out of the measured figures.
   */
  private void warmUpAndDrain(LoadGenerator.Operation op, LatencyStats creates, AtomicLong received)
      throws InterruptedException {
    received.set(0);
    LoadGenerator.fixedRate(op, rate, bench.warmup, 1000, creates);
    long warmupEvents = creates.count() * streams;
    awaitUntil(() -> received.get() >= warmupEvents, Duration.ofSeconds(30));
  }

  private List<BenchResult> results(
      LatencyStats[] measured,
      LatencyStats creates,
      int targets,
      long expected,
      long delivered,
      boolean fromCommit) {
    double secs = bench.duration.toMillis() / 1000.0;
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("streams", streams);
    extra.put("instances", targets);
    extra.put("create_rate", rate);
    extra.put("events_expected", expected);
    extra.put("events_delivered", delivered);
    extra.put("deliveries_per_second", Math.round(delivered / secs));
    extra.put(
        "latency_from",
        fromCommit
            ? "commit of the creating transaction (PostgreSQL commit timestamp) to receipt"
            : "event occurred_at, taken when the transaction began: an upper bound on commit-to-receipt");
    List<BenchResult> results =
        new ArrayList<>(
            List.of(
                BenchResult.of("broadcast.same_instance", measured[0], secs, extra),
                BenchResult.of("broadcast.create", creates, secs, Map.of("target_rate", rate))));
    if (targets > 1) {
      results.add(1, BenchResult.of("broadcast.other_instance", measured[1], secs, extra));
    }
    return results;
  }

  /**
   * Commit-to-receipt latency of every recorded receipt: the creating transactions' commit times
   * come from PostgreSQL after the run. Returns {same instance, other instances}.
   */
  private static LatencyStats[] fromCommit(List<Receiver> receivers, int postgresPort, UUID tenant)
      throws Exception {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Receiver r : receivers) {
      for (int i = 0; i < r.count; i++) {
        min = Math.min(min, r.sequences[i]);
        max = Math.max(max, r.sequences[i]);
      }
    }
    LatencyStats local = new LatencyStats();
    LatencyStats remote = new LatencyStats();
    if (min > max) {
      return new LatencyStats[] {local, remote};
    }
    java.util.Map<Long, Long> commits =
        CommitTimes.bySequence(postgresPort, TicketBenchSystem.DATABASE, tenant, min, max);
    for (Receiver r : receivers) {
      LatencyStats into = r.sameInstance ? local : remote;
      for (int i = 0; i < r.count; i++) {
        Long commitMicros = commits.get(r.sequences[i]);
        if (commitMicros == null) {
          into.error("no_commit_time");
        } else {
          into.record(Math.max(1, r.receivedNanos[i] - commitMicros * 1000));
        }
      }
    }
    return new LatencyStats[] {local, remote};
  }

  /**
   * Records receipt latency of every TicketCreated event, and while recording each receipt's
   * sequence and time.
   */
  private static final class Receiver implements StreamObserver<EventProbe> {
    private final LatencyStats stats;
    private final AtomicLong received;
    private final boolean sameInstance;
    private volatile boolean recording;
    private long[] sequences = new long[1024];
    private long[] receivedNanos = new long[1024];
    private int count;

    Receiver(LatencyStats stats, AtomicLong received, boolean sameInstance) {
      this.stats = stats;
      this.received = received;
      this.sameInstance = sameInstance;
    }

    void startRecording() {
      recording = true;
    }

    void stopRecording() {
      recording = false;
    }

    @Override
    public void onNext(EventProbe e) {
      if (e.resync()) {
        stats.error("resync");
        return;
      }
      if (!e.created()) {
        return;
      }
      Instant now = Instant.now();
      long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
      stats.record(nowNanos - e.occurredAtNanos());
      if (recording) {
        if (count == sequences.length) {
          sequences = Arrays.copyOf(sequences, count * 2);
          receivedNanos = Arrays.copyOf(receivedNanos, count * 2);
        }
        sequences[count] = e.sequence();
        receivedNanos[count] = nowNanos;
        count++;
      }
      received.incrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      stats.error(LoadGenerator.kind(t));
    }

    @Override
    public void onCompleted() {
      stats.error("stream_ended");
    }
  }

  /**
   * Each stream is its own agent (servers limit the streams one person may hold open); against
   * {@code --target} servers every stream uses the given token.
   */
  private static String streamToken(SystemUnderTest system, UUID tenant, String given) {
    return system == null ? given : system.token(tenant, UUID.randomUUID(), Role.AGENT);
  }

  /**
   * Polls {@code condition} every 10 ms until it holds or {@code timeout} passes; returns whether
   * it held.
   */
  private static boolean awaitUntil(
      java.util.function.BooleanSupplier condition, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    return true;
  }
}
