package io.meshdesk.cli.topology;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.ticket.v1.SubscribeRequest;
import io.meshdesk.api.ticket.v1.SubscribeResponse;
import io.meshdesk.api.ticket.v1.TicketEvent;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent's queue as a client holds it: one Subscribe stream to a ticket-server; when the stream
 * fails it reconnects to the next server, resuming after the last sequence it saw. Records every
 * ticket change it receives, in order.
 */
final class Agent implements AutoCloseable {

  private final String token;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<Long> sequences = new ArrayList<>();
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final Set<String> suggested = ConcurrentHashMap.newKeySet();
  private final AtomicInteger reconnects = new AtomicInteger();
  private volatile int current;
  private volatile long last = -1;
  private volatile boolean closed;

  Agent(String token, List<String> targets, int first) {
    this.token = token;
    for (String t : targets) {
      channels.add(NettyChannelBuilder.forTarget(t).usePlaintext().build());
    }
    this.current = first;
    connect();
  }

  private void connect() {
    SubscribeRequest.Builder req = SubscribeRequest.newBuilder();
    if (last >= 0) {
      req.setAfterSequence(last);
    }
    TicketServiceGrpc.newStub(channels.get(current)).withCallCredentials(TestTokens.bearer(token))
        .subscribe(req.build(), new StreamObserver<>() {
          @Override
          public void onNext(SubscribeResponse r) {
            record(r.getEvent());
          }

          @Override
          public void onError(Throwable t) {
            if (!closed) {
              reconnects.incrementAndGet();
              current = (current + 1) % channels.size();
              connect();
            }
          }

          @Override
          public void onCompleted() {
            onError(new IllegalStateException("stream ended"));
          }
        });
  }

  private synchronized void record(TicketEvent e) {
    if (e.hasHeartbeat() || e.hasResync() || e.getTicketId().isEmpty()) {
      return;
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

  /** Sequences of the ticket changes received, in arrival order. */
  synchronized List<Long> sequences() {
    return List.copyOf(sequences);
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
    channels.forEach(ManagedChannel::shutdownNow);
  }
}
