package io.meshdesk.platform.grpc;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.ValidationException;
import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.stream.Collectors;

/**
 * Enforces the {@code buf.validate} rules of the contract, and the contract-independent rules of
 * {@link InputSanity} (no NUL in strings, timestamps within years 1 to 9999), on every inbound
 * message. A message that breaks a rule closes the call with INVALID_ARGUMENT and a {@code
 * google.rpc.BadRequest} listing each field violation; the service never sees it, so nothing is
 * written.
 */
public final class ValidationInterceptor implements ServerInterceptor {

  private final Validator validator = ValidatorFactory.newBuilder().build();

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(delegate) {
      private boolean rejected;

      @Override
      public void onMessage(Q message) {
        if (rejected) {
          return;
        }
        StatusRuntimeException failure = validate(message);
        if (failure != null) {
          rejected = true;
          call.close(failure.getStatus(), failure.getTrailers());
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!rejected) {
          super.onHalfClose();
        }
      }
    };
  }

  /** Validates one message; returns the failure to send, or null when valid. */
  StatusRuntimeException validate(Object message) {
    if (!(message instanceof Message m)) {
      return null;
    }
    BadRequest.Builder details =
        BadRequest.newBuilder().addAllFieldViolations(InputSanity.check(m));
    if (details.getFieldViolationsCount() > 0) {
      return invalid(details);
    }
    ValidationResult result;
    try {
      result = validator.validate(m);
    } catch (ValidationException e) {
      return Status.INTERNAL
          .withDescription("validation rules failed to evaluate")
          .asRuntimeException();
    }
    if (result.isSuccess()) {
      return null;
    }
    for (var violation : result.getViolations()) {
      var proto = violation.toProto();
      details.addFieldViolations(
          BadRequest.FieldViolation.newBuilder()
              .setField(path(proto.getField()))
              .setDescription(proto.getMessage())
              .setReason(proto.getRuleId()));
    }
    return invalid(details);
  }

  private static StatusRuntimeException invalid(BadRequest.Builder details) {
    String summary =
        details.getFieldViolationsList().stream()
            .map(v -> v.getField() + ": " + v.getDescription())
            .collect(Collectors.joining("; "));
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage("invalid request: " + summary)
            .addDetails(Any.pack(details.build()))
            .build());
  }

  /** Renders a field path as {@code items[2].amount.currency}. */
  static String path(FieldPath path) {
    StringBuilder sb = new StringBuilder();
    for (FieldPathElement e : path.getElementsList()) {
      if (!sb.isEmpty()) {
        sb.append('.');
      }
      sb.append(e.getFieldName());
      switch (e.getSubscriptCase()) {
        case INDEX -> sb.append('[').append(e.getIndex()).append(']');
        case STRING_KEY ->
            sb.append("[\"").append(InputSanity.mapKey(e.getStringKey())).append("\"]");
        case INT_KEY -> sb.append('[').append(e.getIntKey()).append(']');
        case UINT_KEY -> sb.append('[').append(e.getUintKey()).append(']');
        case BOOL_KEY -> sb.append('[').append(e.getBoolKey()).append(']');
        default -> {}
      }
    }
    return sb.isEmpty() ? "(message)" : sb.toString();
  }
}
