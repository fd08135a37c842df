package io.meshdesk.cli.bench;

import io.grpc.ManagedChannel;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.platform.runtime.Shutdown;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The end-to-end part of {@code meshctl bench ai}: the whole system as {@code meshctl dev} runs it
 * (ticket-server, ledger-server, ai-worker with the offline drafter and the seeded knowledge base)
 * in this JVM on free ports; one agent Subscribe stream; the demo customer opens tickets at a fixed
 * rate; each ticket's latency runs from just before its CreateTicket call to the arrival of its
 * {@code SuggestionReady} event on the agent stream.
 */
final class AiEndToEnd {

  private static final Pattern PASSWORD = Pattern.compile("password for all: (\\S+?)\\)");
  private static final String TENANT = "demo";
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private final double rate;
  private final int count;
  private final Duration warmup;
  private final boolean inProcess;
  private final boolean durable;

  /**
   * @param rate tickets created per second
   * @param count tickets measured
   * @param warmup unmeasured creates at the same rate first
   */
  AiEndToEnd(double rate, int count, Duration warmup, boolean inProcess, boolean durable) {
    this.inProcess = inProcess;
    this.durable = durable;
    if (rate <= 0 || count < 1) {
      throw new IllegalArgumentException("--e2e-rate must be > 0 and --e2e-count >= 1");
    }
    this.rate = rate;
    this.count = count;
    this.warmup = warmup;
  }

  /** Starts the system, measures, stops the system; returns {@code ai.e2e.create_to_suggestion}. */
  BenchResult run(String[] tickets) throws Exception {
    List<ManagedChannel> channels = new ArrayList<>();
    try (Shutdown shutdown = new Shutdown()) {
      ByteArrayOutputStream devOut = new ByteArrayOutputStream();
      int ticketPort = startSystem(shutdown, devOut);
      // Registered after the servers, so closed before them.
      shutdown.register(() -> channels.forEach(ManagedChannel::shutdownNow));
      String password = password(devOut.toString(StandardCharsets.UTF_8));
      String target = "127.0.0.1:" + ticketPort;
      ManagedChannel channel = Bearer.channel(target);
      channels.add(channel);
      String customer = login(channel, "customer@demo.meshdesk.dev", password);
      String agent = login(channel, "agent@demo.meshdesk.dev", password);
      LatencyStats e2e = new LatencyStats();
      SuggestionTracker tracker = watchSuggestions(channels, target, agent, e2e);
      LoadGenerator.Operation create = creator(channel, customer, tickets, tracker);
      awaitStreamLive(create, tracker, e2e);
      LatencyStats creates = new LatencyStats();
      warmUp(create, tracker, e2e, creates);
      double seconds = measure(create, tracker, e2e, creates);
      return result(e2e, creates, seconds);
    }
  }

  /**
   * Starts the whole system, in this JVM or as {@code meshctl dev} in its own, registered with
   * {@code shutdown}; its output goes to {@code devOut}. Returns the ticket-server's port.
   */
  private int startSystem(Shutdown shutdown, ByteArrayOutputStream devOut) throws Exception {
    if (!inProcess) {
      DevProcess dev = shutdown.register(DevProcess.start(durable, System.err));
      devOut.writeBytes(dev.output().getBytes(StandardCharsets.UTF_8));
      return dev.ticketPort();
    }
    System.err.println(
        "ai.e2e: starting the dev system IN-PROCESS (embedded PostgreSQL, Redis, all servers)...");
    DevCommand dev = new DevCommand();
    new CommandLine(dev).parseArgs("--web-port", "-1");
    dev.useFreePorts();
    PrintStream stdout = System.out;
    // Liquibase prints its update summaries to stdout; keep that for results.
    System.setOut(System.err);
    try {
      return dev.start(shutdown, new PrintStream(devOut, true, StandardCharsets.UTF_8))
          .ticketPort();
    } finally {
      System.setOut(stdout);
    }
  }

  /**
   * The agent's Subscribe stream on its own channel, recording a timestamp per suggestion and
   * nothing else, on its own network thread.
   */
  private static SuggestionTracker watchSuggestions(
      List<ManagedChannel> channels, String target, String agent, LatencyStats e2e) {
    ManagedChannel streamChannel = Bearer.directChannel(target);
    channels.add(streamChannel);
    SuggestionTracker tracker = new SuggestionTracker(e2e);
    TicketServiceGrpc.newStub(streamChannel)
        .withCallCredentials(Bearer.of(agent))
        .subscribe(SubscribeRequest.getDefaultInstance(), tracker);
    return tracker;
  }

  /**
   * The customer's CreateTicket of the {@code seq}-th ticket text, its start told to the tracker.
   */
  private static LoadGenerator.Operation creator(
      ManagedChannel channel, String customer, String[] tickets, SuggestionTracker tracker) {
    var stub = TicketServiceGrpc.newBlockingStub(channel).withCallCredentials(Bearer.of(customer));
    return seq -> {
      String body = tickets[(int) (seq % tickets.length)];
      CreateTicketRequest req =
          CreateTicketRequest.newBuilder()
              .setSubject(body.substring(0, Math.min(60, body.length())))
              .setBody(body)
              .build();
      long t0 = System.nanoTime();
      String id = stub.withDeadlineAfter(5, TimeUnit.SECONDS).createTicket(req).getTicket().getId();
      tracker.created(id, t0);
    };
  }

  /** The stream is live once one ticket's suggestion came through it (60 s at most). */
  private static void awaitStreamLive(
      LoadGenerator.Operation create, SuggestionTracker tracker, LatencyStats e2e)
      throws Exception {
    long ready = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (e2e.count() == 0) {
      if (System.nanoTime() > ready) {
        throw new IllegalStateException(
            "no SuggestionReady reached the agent stream within 60s: " + e2e.errors());
      }
      create.run(0);
      tracker.awaitSettled(System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
      tracker.abandonPending(null);
    }
  }

  /** Unmeasured creates at the rate for the warm-up; their suggestions settle, then all resets. */
  private void warmUp(
      LoadGenerator.Operation create,
      SuggestionTracker tracker,
      LatencyStats e2e,
      LatencyStats creates)
      throws InterruptedException {
    LoadGenerator.fixedRate(create, rate, warmup, 1000, creates);
    tracker.awaitSettled(System.nanoTime() + SETTLE.toNanos());
    tracker.abandonPending(null);
    e2e.reset();
    creates.reset();
  }

  /**
   * {@code count} creates at the rate, until their suggestions arrived or settling timed out;
   * returns the seconds from the first create to the last suggestion.
   */
  private double measure(
      LoadGenerator.Operation create,
      SuggestionTracker tracker,
      LatencyStats e2e,
      LatencyStats creates)
      throws InterruptedException {
    Duration measured = Duration.ofNanos((long) (1e9 / rate) * count);
    long start = System.nanoTime();
    try (Progress p = new Progress("ai.e2e", e2e, count, e2e::count, System.err)) {
      LoadGenerator.fixedRate(create, rate, measured, 1000, creates);
      tracker.awaitSettled(System.nanoTime() + SETTLE.toNanos());
    }
    long end = Math.max(tracker.lastArrivalNanos(), start + 1);
    tracker.abandonPending("no_suggestion");
    return (end - start) / 1e9;
  }

  /** The create-to-suggestion figures, failed creates counted among its errors. */
  private BenchResult result(LatencyStats e2e, LatencyStats creates, double seconds) {
    creates
        .errors()
        .forEach(
            (kind, n) -> {
              for (long i = 0; i < n; i++) {
                e2e.error("create_" + kind);
              }
            });
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("target_rate", rate);
    extra.put("tickets", count);
    extra.put("create_p95_ms", creates.cumulative().getValueAtPercentile(95) / 1000.0);
    extra.put("goal_p95_ms", 200);
    extra.put(
        "system",
        (inProcess ? "IN-PROCESS: " : "meshctl dev in its own JVM; ")
            + "PostgreSQL "
            + (durable ? "durable" : "FAST (fsync off)"));
    return BenchResult.of("ai.e2e.create_to_suggestion", e2e, seconds, extra);
  }

  private static String password(String devOutput) {
    Matcher m = PASSWORD.matcher(devOutput);
    if (!m.find()) {
      throw new IllegalStateException(
          "meshctl dev did not seed the demo tenant (no password line)");
    }
    return m.group(1);
  }

  private static String login(ManagedChannel channel, String email, String password) {
    // A freshly started system's first sign-in waits for its JIT and its first Argon2 hash.
    return IdentityServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(60, TimeUnit.SECONDS)
        .login(
            LoginRequest.newBuilder()
                .setEmail(email)
                .setPassword(password)
                .setTenantSlug(TENANT)
                .build())
        .getTokens()
        .getAccessToken();
  }
}
