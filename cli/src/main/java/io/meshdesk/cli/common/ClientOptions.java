package io.meshdesk.cli.common;

import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to a server. */
public final class ClientOptions {

  /** Output formats. */
  public enum OutputFormat {
    table,
    json,
    yaml,
    csv
  }

  @Option(
      names = "--target",
      description =
          "Server address host:port (default: ${DEFAULT-VALUE}, the ticket server of `meshctl dev`).",
      defaultValue = "${env:MESHDESK_TARGET:-localhost:7001}")
  String target;

  @Option(
      names = "--token",
      description =
          "Access token (default: $MESHDESK_TOKEN, else the one saved by `meshctl login`).",
      defaultValue = "${env:MESHDESK_TOKEN}")
  String token;

  @Option(
      names = {"-o", "--output"},
      description =
          "table, json, yaml or csv (default: ${DEFAULT-VALUE}); json and yaml use the proto"
              + " field names.",
      defaultValue = "table")
  OutputFormat output;

  @Option(names = "--no-headers", description = "Leave out the header line of table and csv.")
  boolean noHeaders;

  @Option(names = "--tls", description = "Use TLS to reach the server.")
  boolean tls;

  /** The target address. */
  public String target() {
    return target;
  }

  /** The selected output format. */
  public OutputFormat output() {
    return output;
  }

  /** How to print results: {@code --output} and {@code --no-headers}. */
  public Output printer() {
    return new Output(output, !noHeaders);
  }

  /** Whether to use TLS. */
  public boolean tls() {
    return tls;
  }

  /**
   * The access token, or null: {@code --token}, else {@code $MESHDESK_TOKEN}, else the one saved by
   * {@code meshctl login}, refreshed first when it has expired or is about to.
   */
  public String token() {
    if (token != null && !token.isBlank()) {
      return token;
    }
    return Session.standard().accessToken().orElse(null);
  }

  /**
   * Opens a channel to {@link #target()}; the token ({@link #token()}), when present, is sent on
   * every call. It is looked up at the first call, so a command that fails before calling never
   * touches the saved session.
   */
  public ManagedChannel channel() {
    return open(target, tls, true);
  }

  /** Opens a channel to {@link #target()} that sends no token (sign-in calls). */
  public ManagedChannel anonymousChannel() {
    return open(target, tls, false);
  }

  /** Opens a plain or TLS channel to {@code target}, optionally sending {@link #token()}. */
  private ManagedChannel open(String address, boolean useTls, boolean withToken) {
    HostPort hp = HostPort.parse(address);
    NettyChannelBuilder b =
        io.meshdesk.platform.grpc.ClientRetry.apply(
            NettyChannelBuilder.forAddress(hp.host(), hp.port())
                .keepAliveTime(30, TimeUnit.SECONDS));
    if (useTls) {
      b.useTransportSecurity();
    } else {
      b.usePlaintext();
    }
    if (withToken) {
      b.intercept(new BearerInterceptor(new BearerCredentials(this)));
    }
    return b.build();
  }

  /** Sends {@code authorization: Bearer <token>} when a token is available. */
  private static final class BearerCredentials extends CallCredentials {
    private static final Metadata.Key<String> AUTHORIZATION =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private final ClientOptions options;
    private volatile String resolved;
    private volatile boolean done;

    BearerCredentials(ClientOptions options) {
      this.options = options;
    }

    @Override
    public void applyRequestMetadata(
        RequestInfo info, Executor appExecutor, MetadataApplier applier) {
      appExecutor.execute(
          () -> {
            try {
              if (!done) {
                resolved = options.token();
                done = true;
              }
              Metadata headers = new Metadata();
              if (resolved != null && !resolved.isBlank()) {
                headers.put(AUTHORIZATION, "Bearer " + resolved);
              }
              applier.apply(headers);
            } catch (StatusRuntimeException e) {
              applier.fail(e.getStatus());
            } catch (RuntimeException e) {
              applier.fail(io.grpc.Status.UNAUTHENTICATED.withDescription(e.getMessage()));
            }
          });
    }
  }

  /** Attaches the bearer credentials to every call of the channel. */
  private record BearerInterceptor(CallCredentials credentials) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return next.newCall(method, options.withCallCredentials(credentials));
    }
  }

  /** A {@code host:port} pair. */
  public record HostPort(String host, int port) {
    /** Parses {@code host:port}; fails with a one-line message. */
    public static HostPort parse(String target) {
      int colon = target.lastIndexOf(':');
      if (colon <= 0 || colon == target.length() - 1) {
        throw new IllegalArgumentException("--target must be host:port, got '" + target + "'");
      }
      try {
        int port = Integer.parseInt(target.substring(colon + 1));
        if (port < 1 || port > 65535) {
          throw new NumberFormatException();
        }
        return new HostPort(target.substring(0, colon), port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--target port must be 1..65535, got '" + target + "'");
      }
    }
  }
}
