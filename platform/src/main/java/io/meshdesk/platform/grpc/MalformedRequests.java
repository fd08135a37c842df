package io.meshdesk.platform.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request whose bytes are not a valid message of the method's request type (truncated
 * varint, length past the end, invalid UTF-8 in a string, a group wire type...) with
 * INVALID_ARGUMENT instead of the transport's UNKNOWN "Application error processing RPC".
 *
 * <p>grpc-java parses requests before any interceptor runs and reports a parse failure as an
 * application error, so a guarded service receives the raw bytes and parses them itself.
 */
public final class MalformedRequests {

  private static final Logger log = LoggerFactory.getLogger(MalformedRequests.class);

  private static final MethodDescriptor.Marshaller<InputStream> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
          return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
          return stream;
        }
      };

  private MalformedRequests() {}

  /** The same service (names, schema descriptors, handlers) with request parsing guarded. */
  public static ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<InputStream, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<InputStream, ?> guarded = guardMethod(method);
      methods.add(guarded);
      descriptor.addMethod(guarded.getMethodDescriptor());
    }
    ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(out::addMethod);
    return out.build();
  }

  private static <Q, A> ServerMethodDefinition<InputStream, A> guardMethod(
      ServerMethodDefinition<Q, A> method) {
    MethodDescriptor<Q, A> typed = method.getMethodDescriptor();
    MethodDescriptor<InputStream, A> raw =
        typed.toBuilder(RAW, typed.getResponseMarshaller()).build();
    ServerCallHandler<InputStream, A> handler =
        (call, headers) -> startGuarded(call, headers, typed, method);
    return ServerMethodDefinition.create(raw, handler);
  }

  @SuppressWarnings("unchecked")
  private static <Q, A> ServerCall.Listener<InputStream> startGuarded(
      ServerCall<InputStream, A> call,
      Metadata headers,
      MethodDescriptor<Q, A> typed,
      ServerMethodDefinition<Q, A> method) {
    // Only the method descriptor mentions the request type; everything else is forwarded as is.
    ServerCall<Q, A> typedCall =
        new SimpleForwardingServerCall<>((ServerCall<Q, A>) (ServerCall<?, A>) call) {
          @Override
          public MethodDescriptor<Q, A> getMethodDescriptor() {
            return typed;
          }
        };
    ServerCall.Listener<Q> next = method.getServerCallHandler().startCall(typedCall, headers);
    return new ServerCall.Listener<>() {
      private boolean rejected;

      @Override
      public void onMessage(InputStream bytes) {
        if (rejected) {
          return;
        }
        Q message;
        try {
          message = typed.parseRequest(bytes);
        } catch (RuntimeException e) {
          rejected = true;
          log.debug("malformed request to {}: {}", typed.getFullMethodName(), e.getMessage());
          call.close(
              Status.INVALID_ARGUMENT.withDescription(
                  "request is not a valid " + typed.getFullMethodName() + " request message"),
              new Metadata());
          return;
        }
        next.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!rejected) {
          next.onHalfClose();
        }
      }

      @Override
      public void onCancel() {
        next.onCancel();
      }

      @Override
      public void onComplete() {
        next.onComplete();
      }

      @Override
      public void onReady() {
        if (!rejected) {
          next.onReady();
        }
      }
    };
  }
}
