package io.meshdesk.platform.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Routes every failure of a service through {@link StatusMapper}: exceptions thrown by a handler
 * and exceptions passed to {@code onError}. Service classes therefore never build a status.
 */
public final class ExceptionInterceptor implements ServerInterceptor {

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    GuardedCall<Q, A> guarded = new GuardedCall<>(call);
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(guarded, headers);
    } catch (RuntimeException e) {
      guarded.fail(e);
      return new ServerCall.Listener<>() {};
    }
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          guarded.fail(e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          guarded.fail(e);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          guarded.fail(e);
        }
      }
    };
  }

  /** A call that maps UNKNOWN-with-cause to a proper status and closes at most once. */
  private static final class GuardedCall<Q, A> extends SimpleForwardingServerCall<Q, A> {
    private boolean closed;

    GuardedCall(ServerCall<Q, A> delegate) {
      super(delegate);
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (closed) {
        return;
      }
      closed = true;
      if (!status.isOk()
          && status.getCause() != null
          && (status.getCode() == Status.Code.UNKNOWN
              || status.getCode() == Status.Code.INTERNAL)) {
        StatusRuntimeException mapped = StatusMapper.toStatus(status.getCause());
        Metadata merged = mapped.getTrailers() == null ? new Metadata() : mapped.getTrailers();
        merged.merge(trailers);
        super.close(mapped.getStatus(), merged);
        return;
      }
      super.close(status, trailers);
    }

    synchronized void fail(RuntimeException e) {
      if (closed) {
        return;
      }
      StatusRuntimeException mapped = StatusMapper.toStatus(e);
      close(
          mapped.getStatus(), mapped.getTrailers() == null ? new Metadata() : mapped.getTrailers());
    }
  }
}
