package io.meshdesk.platform.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission control in front of a server's unary calls. A call whose deadline has passed, or is too
 * close to be met, is refused with DEADLINE_EXCEEDED before anything runs. A call beyond the
 * adaptive concurrency limit is refused at once with RESOURCE_EXHAUSTED and a {@code
 * grpc-retry-pushback-ms} hint, instead of queueing in front of the database pool until its
 * deadline passes. Streams (Subscribe, sessions, drafts) hold no permit: they are long-lived and
 * mostly idle, and the stream limits of their own services bound them.
 */
public final class OverloadInterceptor implements ServerInterceptor {

  /** Trailer a refused client should wait for before retrying (gRPC's retry pushback). */
  public static final Metadata.Key<String> PUSHBACK =
      Metadata.Key.of("grpc-retry-pushback-ms", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger log = LoggerFactory.getLogger(OverloadInterceptor.class);

  private final OverloadConfig config;
  private final AdaptiveLimit limit;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong refused =
      new java.util.concurrent.atomic.AtomicLong();

  public OverloadInterceptor(OverloadConfig config) {
    this.config = config;
    this.limit =
        new AdaptiveLimit(
            config.initialLimit(),
            config.minLimit(),
            config.maxLimit(),
            config.latencyTolerance(),
            config.latencyObjective().toNanos());
  }

  /** Unary calls running now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Calls refused so far (over the limit or too close to their deadline). */
  public long refused() {
    return refused.get();
  }

  /** The concurrency limit now. */
  public int limit() {
    return config.enabled() ? limit.limit() : Integer.MAX_VALUE;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (call.getMethodDescriptor().getType() != MethodType.UNARY) {
      return next.startCall(call, headers);
    }
    Deadline deadline = Context.current().getDeadline();
    if (deadline != null
        && deadline.timeRemaining(TimeUnit.NANOSECONDS) < config.minDeadline().toNanos()) {
      refused.incrementAndGet();
      call.close(
          Status.DEADLINE_EXCEEDED.withDescription("deadline too close to start the call"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (!config.enabled()) {
      return next.startCall(call, headers);
    }
    int now = inFlight.incrementAndGet();
    if (now > limit.limit()) {
      inFlight.decrementAndGet();
      refused.incrementAndGet();
      long pushback = config.retryPushback().toMillis();
      Metadata trailers = new Metadata();
      trailers.put(
          PUSHBACK, Long.toString(pushback + ThreadLocalRandom.current().nextLong(pushback + 1)));
      log.debug(
          "refused {}: {} calls in flight, limit {}",
          call.getMethodDescriptor().getFullMethodName(),
          now - 1,
          limit.limit());
      call.close(
          Status.RESOURCE_EXHAUSTED.withDescription("server overloaded, retry after the pushback"),
          trailers);
      return new ServerCall.Listener<>() {};
    }
    long start = System.nanoTime();
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            inFlight.decrementAndGet();
          }
        };
    ServerCall<Q, R> counted =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            if (!released.get()) {
              limit.onSample(System.nanoTime() - start, saturated(status, trailers));
            }
            release.run();
            super.close(status, trailers);
          }
        };
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(counted, headers);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        release.run();
        super.onCancel();
      }

      // A call closed outside this chain (MalformedRequests refuses unparsable bytes on the
      // transport's call) never passes through `counted`; without this its slot would leak
      // until the server refused every call.
      @Override
      public void onComplete() {
        release.run();
        super.onComplete();
      }
    };
  }

  /**
   * A deadline missed inside the server, or a refusal for want of capacity (which carries a
   * pushback).
   */
  private static boolean saturated(Status status, Metadata trailers) {
    return status.getCode() == Status.Code.DEADLINE_EXCEEDED
        || status.getCode() == Status.Code.RESOURCE_EXHAUSTED && trailers.containsKey(PUSHBACK);
  }
}
