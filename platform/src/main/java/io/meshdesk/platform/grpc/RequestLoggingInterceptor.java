package io.meshdesk.platform.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every call a request id (the caller's {@code x-request-id} when it is sane, else a new
 * one), echoes it in the response headers, exposes it through {@link #REQUEST_ID}, and logs one
 * line per call with method, status and duration. Server faults log at warn, the rest at debug.
 */
public final class RequestLoggingInterceptor implements ServerInterceptor {

  /** Header carrying the request id in both directions. */
  public static final Metadata.Key<String> REQUEST_ID_HEADER =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  /** The current call's request id. */
  public static final Context.Key<String> REQUEST_ID = Context.key("meshdesk-request-id");

  private static final Logger log = LoggerFactory.getLogger("io.meshdesk.access");
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String supplied = headers.get(REQUEST_ID_HEADER);
    String requestId =
        supplied != null && SANE_ID.matcher(supplied).matches()
            ? supplied
            : UUID.randomUUID().toString();
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getFullMethodName();
    ServerCall<Q, A> logged =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata responseHeaders) {
            responseHeaders.put(REQUEST_ID_HEADER, requestId);
            super.sendHeaders(responseHeaders);
          }

          @Override
          public void close(Status status, Metadata trailers) {
            long micros = (System.nanoTime() - start) / 1_000;
            Status.Code code = status.getCode();
            if (code == Status.Code.INTERNAL
                || code == Status.Code.UNKNOWN
                || code == Status.Code.DATA_LOSS) {
              log.warn(
                  "{} {} {} {}us: {}", requestId, method, code, micros, status.getDescription());
            } else if (log.isDebugEnabled()) {
              log.debug("{} {} {} {}us", requestId, method, code, micros);
            }
            super.close(status, trailers);
          }
        };
    Context context = Context.current().withValue(REQUEST_ID, requestId);
    return Contexts.interceptCall(context, logged, headers, next);
  }
}
