package io.meshdesk.platform.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.ConflictException;
import io.meshdesk.platform.errors.DomainException;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import io.meshdesk.platform.errors.ResourceExhaustedException;
import io.meshdesk.platform.errors.UnauthenticatedException;
import io.meshdesk.platform.errors.UnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become gRPC status. Expected failures log at debug; anything
 * unexpected logs at error with its stack and reaches the client as INTERNAL with a generic message
 * (no internals leak).
 */
public final class StatusMapper {

  /** Error domain carried in {@code google.rpc.ErrorInfo}. */
  public static final String ERROR_DOMAIN = "meshdesk.io";

  private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);

  private StatusMapper() {}

  /** Maps any throwable to a status exception carrying rich error details where useful. */
  public static StatusRuntimeException toStatus(Throwable t) {
    if (t instanceof StatusRuntimeException sre) {
      return sre;
    }
    if (t instanceof StatusException se) {
      return se.getStatus().asRuntimeException(se.getTrailers());
    }
    if (t instanceof DomainException de) {
      log.debug("request failed: {}", de.getMessage());
      return fromDomain(de);
    }
    if (hasCause(t, io.meshdesk.platform.db.PoolExhaustedException.class)) {
      log.debug("refused for want of a database connection: {}", t.toString());
      io.grpc.Metadata trailers = new io.grpc.Metadata();
      trailers.put(OverloadInterceptor.PUSHBACK, "100");
      return Status.RESOURCE_EXHAUSTED
          .withDescription("server busy, retry after the pushback")
          .asRuntimeException(trailers);
    }
    if (isDatabaseUnavailable(t)) {
      log.warn("PostgreSQL unavailable: {}", t.toString());
      return Status.UNAVAILABLE
          .withDescription("database unavailable, retry later")
          .asRuntimeException();
    }
    if (isSerializationConflict(t)) {
      log.debug("serialization conflict: {}", t.toString());
      return Status.ABORTED.withDescription("concurrent update, retry").asRuntimeException();
    }
    if (hasCause(t, RedisException.class)) {
      log.warn("Redis unavailable: {}", t.toString());
      return Status.UNAVAILABLE
          .withDescription("cache/queue unavailable, retry later")
          .asRuntimeException();
    }
    log.error("unexpected failure", t);
    return Status.INTERNAL.withDescription("internal error").asRuntimeException();
  }

  private static StatusRuntimeException fromDomain(DomainException e) {
    return switch (e) {
      case NotFoundException x ->
          Status.NOT_FOUND.withDescription(x.getMessage()).asRuntimeException();
      case AlreadyExistsException x ->
          Status.ALREADY_EXISTS.withDescription(x.getMessage()).asRuntimeException();
      case PermissionDeniedException x ->
          Status.PERMISSION_DENIED.withDescription(x.getMessage()).asRuntimeException();
      case UnauthenticatedException x when !x.reason().isEmpty() ->
          withInfo(Code.UNAUTHENTICATED, x.getMessage(), x.reason(), "", "");
      case UnauthenticatedException x ->
          Status.UNAUTHENTICATED.withDescription(x.getMessage()).asRuntimeException();
      case UnavailableException x ->
          Status.UNAVAILABLE.withDescription(x.getMessage()).asRuntimeException();
      case ResourceExhaustedException x ->
          Status.RESOURCE_EXHAUSTED.withDescription(x.getMessage()).asRuntimeException();
      case InvalidArgumentException x -> invalidArgument(x.field(), x.getMessage());
      case FailedPreconditionException x ->
          withInfo(Code.FAILED_PRECONDITION, x.getMessage(), x.reason(), "", "");
      case ConflictException x ->
          withInfo(
              Code.ABORTED,
              x.getMessage(),
              "CONFLICT",
              x.currentVersion() >= 0 ? "current_version" : "",
              x.currentVersion() >= 0 ? Long.toString(x.currentVersion()) : "");
      default -> Status.INTERNAL.withDescription("internal error").asRuntimeException();
    };
  }

  /** INVALID_ARGUMENT with a {@code google.rpc.BadRequest} naming the field. */
  public static StatusRuntimeException invalidArgument(String field, String message) {
    BadRequest details =
        BadRequest.newBuilder()
            .addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField(field).setDescription(message))
            .build();
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage(message)
            .addDetails(Any.pack(details))
            .build());
  }

  private static StatusRuntimeException withInfo(
      Code code, String message, String reason, String key, String value) {
    ErrorInfo.Builder info = ErrorInfo.newBuilder().setDomain(ERROR_DOMAIN).setReason(reason);
    if (!key.isEmpty()) {
      info.putMetadata(key, value);
    }
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(code.getNumber())
            .setMessage(message)
            .addDetails(Any.pack(info.build()))
            .build());
  }

  private static boolean isDatabaseUnavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransientConnectionException) {
        return true;
      }
      if (c instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSerializationConflict(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql
          && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
