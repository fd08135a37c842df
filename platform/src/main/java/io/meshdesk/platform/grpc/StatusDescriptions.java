package io.meshdesk.platform.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Keeps every status description a server sends short. A description travels in a trailer, and a
 * peer refuses headers over a few kilobytes, so a description that echoes hostile input (a 1 MB
 * service name given to health Check) reaches the caller as INTERNAL "http2 exception" instead of
 * the refusal the server meant.
 */
public final class StatusDescriptions implements ServerInterceptor {

  /** Longest description sent, in characters. */
  static final int MAX_LENGTH = 1024;

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            super.close(shorten(status), trailers);
          }
        },
        headers);
  }

  /** The status with its description cut to {@link #MAX_LENGTH} characters. */
  static Status shorten(Status status) {
    String d = status.getDescription();
    if (d == null || d.length() <= MAX_LENGTH) {
      return status;
    }
    return status.withDescription(abbreviate(d, MAX_LENGTH));
  }

  /** {@code text} cut to at most {@code max} characters, marked as cut. */
  static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
