package io.meshdesk.dist.topology;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.testing.TestTokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An agent's queue as a client holds it: one Subscribe stream to a ticket-server, native gRPC or
 * grpc-web through a bridge; when the stream fails it reconnects to the next server (after a short
 * pause), resuming after the last sequence it saw. Records every ticket change it receives in
 * order, and when each stream was caught up (live).
 */
final class Agent implements AutoCloseable {

  /** How an agent reaches the ticket-servers. */
  interface Transport extends AutoCloseable {
    /** How many servers (or bridges) there are to try in turn. */
    int targets();

    /** Opens Subscribe on target {@code i}: {@code events} per message, then {@code end} once. */
    void subscribe(
        int i,
        String token,
        SubscribeRequest request,
        Consumer<TicketEvent> events,
        Consumer<Throwable> end);

    @Override
    void close();
  }

  private final String name;
  private final String token;
  private final Transport transport;
  private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor();
  private final List<Long> sequences = new ArrayList<>();
  private final List<Long> liveAt = new ArrayList<>();
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final Set<String> suggested = ConcurrentHashMap.newKeySet();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final List<String> journal = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final long born = System.nanoTime();
  private volatile int current;

  /**
   * The stream position to resume after: the last sequence received, including the positions
   * CaughtUp and Heartbeat events carry. It starts at 0, so the first stream replays everything
   * retained instead of starting "from now" whenever the connection happens to be made.
   */
  private volatile long last;

  private volatile boolean closed;

  Agent(String name, String token, Transport transport, int first) {
    this.name = name;
    this.token = token;
    this.transport = transport;
    this.current = first;
    connect();
  }

  /** Native gRPC to each of {@code channels}. */
  static Transport grpc(List<ManagedChannel> channels) {
    return new Transport() {
      @Override
      public int targets() {
        return channels.size();
      }

      @Override
      public void subscribe(
          int i,
          String token,
          SubscribeRequest request,
          Consumer<TicketEvent> events,
          Consumer<Throwable> end) {
        TicketServiceGrpc.newStub(channels.get(i))
            .withCallCredentials(TestTokens.bearer(token))
            .subscribe(
                request,
                new StreamObserver<>() {
                  @Override
                  public void onNext(SubscribeResponse r) {
                    events.accept(r.getEvent());
                  }

                  @Override
                  public void onError(Throwable t) {
                    end.accept(t);
                  }

                  @Override
                  public void onCompleted() {
                    end.accept(new IllegalStateException("stream ended"));
                  }
                });
      }

      @Override
      public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
      }
    };
  }

  /** grpc-web (HTTP/1.1) through each of {@code bridges}. */
  static Transport grpcWeb(List<GrpcWebClient> bridges) {
    return new Transport() {
      @Override
      public int targets() {
        return bridges.size();
      }

      @Override
      public void subscribe(
          int i,
          String token,
          SubscribeRequest request,
          Consumer<TicketEvent> events,
          Consumer<Throwable> end) {
        Thread.ofVirtual()
            .name("grpc-web-subscribe")
            .start(
                () -> {
                  var status =
                      bridges.get(i).stream(
                          TicketServiceGrpc.getSubscribeMethod().getFullMethodName(),
                          token,
                          request,
                          SubscribeResponse.parser(),
                          r -> events.accept(r.getEvent()));
                  end.accept(status.asRuntimeException());
                });
      }

      @Override
      public void close() {
        bridges.forEach(GrpcWebClient::close);
      }
    };
  }

  private void connect() {
    SubscribeRequest.Builder req = SubscribeRequest.newBuilder().setAfterSequence(last);
    note("connect target " + current + " after " + last);
    transport.subscribe(
        current,
        token,
        req.build(),
        this::record,
        failure -> {
          note("stream ended (last " + last + "): " + failure);
          if (!closed) {
            reconnects.incrementAndGet();
            current = (current + 1) % transport.targets();
            retry.schedule(this::connect, 200, TimeUnit.MILLISECONDS);
          }
        });
  }

  private void note(String what) {
    journal.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - born) + " ms: " + what);
  }

  private synchronized void record(TicketEvent e) {
    if (e.hasCaughtUp()) {
      liveAt.add(System.nanoTime());
      note("caught up at " + e.getSequence());
      last = Math.max(last, e.getSequence());
      return;
    }
    if (e.hasHeartbeat()) {
      last = Math.max(last, e.getSequence());
      return;
    }
    if (e.hasResync() || e.getTicketId().isEmpty()) {
      return;
    }
    if (e.getSequence() != last + 1) {
      note("sequence " + e.getSequence() + " follows " + last);
    }
    sequences.add(e.getSequence());
    last = e.getSequence();
    if (e.hasTicketCreated()) {
      created.add(e.getTicketId());
    }
    if (e.hasSuggestionReady()) {
      suggested.add(e.getTicketId());
    }
  }

  /**
   * What happened to its streams (connects, ends, catch-ups, jumps in the sequence), and which of
   * {@code expected} tickets it has not seen: printed when an assertion on it fails.
   */
  String diagnosis(java.util.Collection<String> expected) {
    List<String> missing = expected.stream().filter(t -> !created.contains(t)).toList();
    return name + " missing " + missing + "\n    " + String.join("\n    ", journal);
  }

  /** Its name, with its transport ({@code grpc-0}, {@code web-1}). */
  String name() {
    return name;
  }

  /** Sequences of the ticket changes received, in arrival order. */
  synchronized List<Long> sequences() {
    return List.copyOf(sequences);
  }

  /** Sequences received more than once. */
  synchronized int duplicates() {
    return sequences.size() - new HashSet<>(sequences).size();
  }

  /** Whether any of its streams has been caught up (live). */
  synchronized boolean everLive() {
    return !liveAt.isEmpty();
  }

  /** When (System.nanoTime) its first stream opened after {@code nanos} was caught up, or -1. */
  synchronized long liveAfter(long nanos) {
    return liveAt.stream().filter(t -> t > nanos).findFirst().orElse(-1L);
  }

  /** Which target its stream is on now. */
  int current() {
    return current;
  }

  /** Tickets whose TicketCreated arrived. */
  Set<String> created() {
    return created;
  }

  /** Tickets whose SuggestionReady arrived. */
  Set<String> suggested() {
    return suggested;
  }

  /** How often the stream failed and was re-opened. */
  int reconnects() {
    return reconnects.get();
  }

  @Override
  public void close() {
    closed = true;
    retry.shutdownNow();
    transport.close();
  }
}
