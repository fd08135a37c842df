package io.meshdesk.platform.web;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A service definition that relays every call of a gRPC service to a channel, message by message,
 * with the caller's metadata (authorization, request ids) and the server's status, trailers and
 * flow control. The grpc-web bridge uses it to reach the very service instances and interceptor
 * chain a native gRPC server serves, exactly as Envoy does in production.
 */
public final class ForwardingService {

  /** Transport and browser headers that are not the application's metadata. */
  private static final Set<String> HOP_HEADERS =
      Set.of(
          "content-type",
          "content-length",
          "te",
          "host",
          "connection",
          "keep-alive",
          "user-agent",
          "accept",
          "accept-encoding",
          "accept-language",
          "origin",
          "referer",
          "cookie",
          "pragma",
          "cache-control",
          "priority",
          "x-grpc-web",
          "x-user-agent",
          "grpc-timeout",
          "grpc-encoding",
          "grpc-accept-encoding",
          "grpc-status",
          "grpc-message");

  /**
   * How often a relay whose browser side stopped accepting looks again. The browser side signals
   * readiness with onReady, but a relay does not rely on that signal alone: a missed one would
   * stall the stream for good (nothing more is requested upstream, not even heartbeats).
   */
  static final long READY_RECHECK_MILLIS = 50;

  private static final ScheduledExecutorService RECHECK =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "grpc-web-ready-recheck");
            t.setDaemon(true);
            return t;
          });

  private ForwardingService() {}

  /** Relays every method of {@code service} to {@code target}. */
  public static ServerServiceDefinition of(ServiceDescriptor service, Channel target) {
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(service);
    for (MethodDescriptor<?, ?> method : service.getMethods()) {
      addMethod(builder, method, target);
    }
    return builder.build();
  }

  private static <Q, R> void addMethod(
      ServerServiceDefinition.Builder builder, MethodDescriptor<Q, R> method, Channel target) {
    ServerCallHandler<Q, R> handler =
        (call, headers) -> new Relay<>(target, method, call, headers).start();
    builder.addMethod(method, handler);
  }

  /** Copies application metadata, dropping transport and browser headers. */
  static Metadata applicationMetadata(Metadata source) {
    Metadata copy = new Metadata();
    for (String key : source.keys()) {
      String lower = key.toLowerCase(java.util.Locale.ROOT);
      if (HOP_HEADERS.contains(lower) || lower.startsWith("sec-") || lower.startsWith(":")) {
        continue;
      }
      if (lower.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Metadata.Key<byte[]> k = Metadata.Key.of(lower, Metadata.BINARY_BYTE_MARSHALLER);
        for (byte[] v : source.getAll(k)) {
          copy.put(k, v);
        }
      } else {
        Metadata.Key<String> k = Metadata.Key.of(lower, Metadata.ASCII_STRING_MARSHALLER);
        for (String v : source.getAll(k)) {
          copy.put(k, v);
        }
      }
    }
    return copy;
  }

  /**
   * One relayed call. ServerCall and ClientCall are not thread-safe and their callbacks arrive on
   * different executors, so every touch of either goes through one lock.
   */
  private static final class Relay<Q, R> {
    private final Object lock = new Object();
    private final ServerCall<Q, R> server;
    private final ClientCall<Q, R> client;
    private final Metadata headers;
    private boolean downstreamWantsMore;
    private boolean closed;

    Relay(
        Channel target, MethodDescriptor<Q, R> method, ServerCall<Q, R> server, Metadata headers) {
      this.server = server;
      this.headers = applicationMetadata(headers);
      CallOptions options = CallOptions.DEFAULT;
      if (Context.current().getDeadline() != null) {
        options = options.withDeadline(Context.current().getDeadline());
      }
      this.client = target.newCall(method, options);
    }

    ServerCall.Listener<Q> start() {
      synchronized (lock) {
        client.start(new Upstream(), headers);
        client.request(1);
        server.request(1);
      }
      return new Downstream();
    }

    /** Callbacks from the browser side. */
    private final class Downstream extends ServerCall.Listener<Q> {
      @Override
      public void onMessage(Q message) {
        synchronized (lock) {
          client.sendMessage(message);
          server.request(1);
        }
      }

      @Override
      public void onHalfClose() {
        synchronized (lock) {
          client.halfClose();
        }
      }

      @Override
      public void onCancel() {
        synchronized (lock) {
          closed = true;
          client.cancel("grpc-web caller cancelled", null);
        }
      }

      @Override
      public void onReady() {
        resumeIfReady(false);
      }
    }

    /**
     * Requests the next upstream message once the browser side accepts again; {@code recheck}: look
     * again later while it does not (one such chain per pause, started by the message that paused).
     */
    private void resumeIfReady(boolean recheck) {
      synchronized (lock) {
        if (!downstreamWantsMore || closed) {
          return;
        }
        if (server.isReady()) {
          downstreamWantsMore = false;
          client.request(1);
        } else if (recheck) {
          RECHECK.schedule(() -> resumeIfReady(true), READY_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
      }
    }

    /** Callbacks from the native server. */
    private final class Upstream extends ClientCall.Listener<R> {
      @Override
      public void onHeaders(Metadata responseHeaders) {
        synchronized (lock) {
          if (!closed) {
            server.sendHeaders(applicationMetadata(responseHeaders));
          }
        }
      }

      @Override
      public void onMessage(R message) {
        synchronized (lock) {
          if (closed) {
            return;
          }
          server.sendMessage(message);
          if (server.isReady()) {
            client.request(1);
          } else {
            downstreamWantsMore = true;
            RECHECK.schedule(
                () -> resumeIfReady(true), READY_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
          }
        }
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        synchronized (lock) {
          if (closed) {
            return;
          }
          closed = true;
          server.close(status, applicationMetadata(trailers));
        }
      }
    }
  }
}
