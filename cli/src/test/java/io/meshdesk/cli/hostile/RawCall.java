package io.meshdesk.cli.hostile;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends bytes as the (first) request message of any method, whatever its type, and reports how the
 * server answered: its status, or OK when a stream accepted the request and started answering.
 */
final class RawCall {

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private RawCall() {}

  /** The method as a bytes-in, bytes-out call of the given type. */
  static MethodDescriptor<byte[], byte[]> method(
      String fullName, boolean clientStreaming, boolean serverStreaming) {
    MethodType type =
        clientStreaming
            ? (serverStreaming ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING)
            : (serverStreaming ? MethodType.SERVER_STREAMING : MethodType.UNARY);
    return MethodDescriptor.newBuilder(BYTES, BYTES)
        .setFullMethodName(fullName)
        .setType(type)
        .build();
  }

  /**
   * The status the server closed the call with; for a stream that delivers a message or stays open
   * for {@code streamWaitMillis} after the request, OK (the call is then cancelled).
   */
  static Status send(
      Channel channel,
      MethodDescriptor<byte[], byte[]> method,
      String token,
      byte[] request,
      long streamWaitMillis)
      throws Exception {
    ClientCall<byte[], byte[]> call =
        channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    CompletableFuture<Void> answered = new CompletableFuture<>();
    Metadata headers = new Metadata();
    if (token != null) {
      headers.put(AUTHORIZATION, "Bearer " + token);
    }
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            answered.complete(null);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        headers);
    call.request(1);
    call.sendMessage(request);
    // A bidirectional session stays open: the first message must be judged on its own.
    if (method.getType() != MethodType.BIDI_STREAMING) {
      call.halfClose();
    }
    if (method.getType() == MethodType.UNARY || method.getType() == MethodType.CLIENT_STREAMING) {
      return closed.get(60, TimeUnit.SECONDS);
    }
    try {
      CompletableFuture.anyOf(closed, answered).get(streamWaitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillOpen) {
      // accepted and quiet: that is an answer too
    }
    if (closed.isDone() && !answered.isDone()) {
      return closed.get();
    }
    call.cancel("hostile input check done", null);
    return Status.OK;
  }
}
