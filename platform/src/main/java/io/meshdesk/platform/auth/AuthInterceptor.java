package io.meshdesk.platform.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.meshdesk.platform.errors.UnauthenticatedException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates and authorizes every call, deny by default: the method must be in {@link Rbac};
 * unless it is public, the {@code authorization: Bearer <token>} header must verify, and the
 * principal must hold the method's permission. The principal is then available through {@link
 * AuthContext#principal()}.
 */
public final class AuthInterceptor implements ServerInterceptor {

  /** The authorization header. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger log = LoggerFactory.getLogger(AuthInterceptor.class);
  private static final ServerCall.Listener<?> NOOP = new ServerCall.Listener<>() {};

  private final TokenVerifier verifier;

  public AuthInterceptor(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<String> permission = Rbac.permissionFor(method);
    if (permission.isEmpty()) {
      log.warn("refused {}: the method has no entry in the access table", method);
      return refuse(call, Status.PERMISSION_DENIED.withDescription("no access rule for " + method));
    }
    String token = bearer(headers.get(AUTHORIZATION));
    if (Rbac.PUBLIC.equals(permission.get())) {
      return next.startCall(call, headers);
    }
    if (token == null) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription("missing bearer token"));
    }
    Principal principal;
    try {
      principal = verifier.verify(token);
    } catch (UnauthenticatedException e) {
      return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()));
    } catch (RuntimeException e) {
      log.warn("token verification failed unexpectedly: {}", e.toString());
      return refuse(
          call, Status.UNAVAILABLE.withDescription("token verification unavailable, retry"));
    }
    if (!Rbac.allows(principal, permission.get())) {
      return refuse(
          call,
          Status.PERMISSION_DENIED.withDescription(
              "role " + principal.role().claim() + " lacks permission " + permission.get()));
    }
    Context ctx = Context.current().withValue(AuthContext.PRINCIPAL, principal);
    return Contexts.interceptCall(ctx, call, headers, next);
  }

  private static String bearer(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String t = h.substring(7).trim();
      return t.isEmpty() ? null : t;
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status) {
    call.close(status, new Metadata());
    return (ServerCall.Listener<Q>) NOOP;
  }
}
