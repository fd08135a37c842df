package io.meshdesk.cli.common;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** The machine-readable reason a server puts in a failed call's status. */
public final class StatusReason {

  private StatusReason() {}

  /** The reason of the status's {@code google.rpc.ErrorInfo} detail, or "" when it has none. */
  public static String of(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status != null) {
      for (Any detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          try {
            return detail.unpack(ErrorInfo.class).getReason();
          } catch (InvalidProtocolBufferException ignored) {
            return "";
          }
        }
      }
    }
    return "";
  }
}
