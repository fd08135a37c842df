package io.meshdesk.identity.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Puts the caller's address in the context for sign-in rate limiting: the transport's remote
 * address, or the first {@code x-forwarded-for} hop when the server sits behind a trusted proxy.
 */
public final class ClientAddressInterceptor implements ServerInterceptor {

  /** Context key of the client address. */
  public static final Context.Key<String> ADDRESS = Context.key("meshdesk-client-address");

  private static final Metadata.Key<String> FORWARDED = Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);

  private final boolean trustForwardedFor;

  public ClientAddressInterceptor(boolean trustForwardedFor) {
    this.trustForwardedFor = trustForwardedFor;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String address = null;
    if (trustForwardedFor && headers.get(FORWARDED) != null) {
      address = headers.get(FORWARDED).split(",")[0].trim();
    }
    if (address == null || address.isEmpty()) {
      SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
      address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
          ? inet.getAddress().getHostAddress()
          : String.valueOf(remote);
    }
    return Contexts.interceptCall(Context.current().withValue(ADDRESS, address), call, headers, next);
  }
}
