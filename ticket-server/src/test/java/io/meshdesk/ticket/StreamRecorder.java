package io.meshdesk.ticket;

import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Records what one server stream sent, and how it ended. */
final class StreamRecorder<T> implements StreamObserver<T> {
  final List<T> messages = new CopyOnWriteArrayList<>();
  final AtomicReference<Throwable> error = new AtomicReference<>();
  volatile boolean completed;

  @Override
  public void onNext(T value) {
    messages.add(value);
  }

  @Override
  public void onError(Throwable t) {
    error.set(t);
  }

  @Override
  public void onCompleted() {
    completed = true;
  }

  boolean has(Predicate<T> p) {
    return messages.stream().anyMatch(p);
  }

  boolean failed() {
    return error.get() != null;
  }

  Status.Code code() {
    return Status.fromThrowable(error.get()).getCode();
  }

  /** The ErrorInfo reason of a failed stream (empty when none). */
  static String reason(Throwable t) {
    com.google.rpc.Status s = StatusProto.fromThrowable(t);
    if (s == null) {
      return "";
    }
    return s.getDetailsList().stream()
        .filter(a -> a.is(ErrorInfo.class))
        .findFirst()
        .map(
            a -> {
              try {
                return a.unpack(ErrorInfo.class).getReason();
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
              }
            })
        .orElse("");
  }

  String reason() {
    return reason(error.get());
  }
}
