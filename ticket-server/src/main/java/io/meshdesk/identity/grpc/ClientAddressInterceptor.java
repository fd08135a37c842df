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
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the caller's address in the context for sign-in rate limiting. With no trusted proxy ({@code
 * MESHDESK_TRUSTED_PROXY_HOPS=0}) it is the connection's remote address. Behind N trusted proxies
 * it is the N-th {@code x-forwarded-for} entry from the right: the one the outermost trusted proxy
 * appended; entries further left are written by the client and ignored.
 */
public final class ClientAddressInterceptor implements ServerInterceptor {

  /** Context key of the client address. */
  public static final Context.Key<String> ADDRESS = Context.key("meshdesk-client-address");

  private static final Metadata.Key<String> FORWARDED =
      Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);

  private final int trustedHops;

  public ClientAddressInterceptor(int trustedHops) {
    this.trustedHops = trustedHops;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String address = trustedHops > 0 ? forwarded(headers) : null;
    if (address == null) {
      SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
      address =
          remote instanceof InetSocketAddress inet && inet.getAddress() != null
              ? inet.getAddress().getHostAddress()
              : String.valueOf(remote);
    }
    return Contexts.interceptCall(
        Context.current().withValue(ADDRESS, address), call, headers, next);
  }

  /**
   * The entry appended by the outermost trusted proxy, or null when the header has too few entries.
   */
  private String forwarded(Metadata headers) {
    Iterable<String> values = headers.getAll(FORWARDED);
    if (values == null) {
      return null;
    }
    List<String> entries = new ArrayList<>();
    for (String value : values) {
      for (String entry : value.split(",")) {
        entries.add(entry.trim());
      }
    }
    if (entries.size() < trustedHops) {
      return null;
    }
    String address = entries.get(entries.size() - trustedHops);
    return address.isEmpty() ? null : address;
  }
}
