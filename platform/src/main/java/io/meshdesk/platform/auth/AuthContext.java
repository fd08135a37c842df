package io.meshdesk.platform.auth;

import io.grpc.Context;
import io.meshdesk.platform.errors.UnauthenticatedException;

/** The authenticated principal of the current gRPC call, set by {@link AuthInterceptor}. */
public final class AuthContext {

  /** Context key holding the {@link Principal}. */
  public static final Context.Key<Principal> PRINCIPAL = Context.key("meshdesk-principal");

  private AuthContext() {}

  /** The current call's principal; fails with UNAUTHENTICATED when there is none. */
  public static Principal principal() {
    Principal p = PRINCIPAL.get();
    if (p == null) {
      throw new UnauthenticatedException("no authenticated principal");
    }
    return p;
  }
}
