package io.meshdesk.cli;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to a server. */
public final class ClientOptions {

  /** Output formats. */
  public enum OutputFormat {
    table,
    json
  }

  @Option(
      names = "--target",
      description = "Server address host:port (default: ${DEFAULT-VALUE}, the ticket server of `meshctl dev`).",
      defaultValue = "${env:MESHDESK_TARGET:-localhost:7001}")
  String target;

  @Option(
      names = "--token",
      description = "Access token (default: $MESHDESK_TOKEN, else the one saved by `meshctl login`).",
      defaultValue = "${env:MESHDESK_TOKEN}")
  String token;

  @Option(names = "--output", description = "table or json (default: ${DEFAULT-VALUE}).", defaultValue = "table")
  OutputFormat output;

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

  /** The access token, or null. */
  public String token() {
    return token;
  }

  /** Opens a channel to {@link #target()}; the token, when present, is sent on every call. */
  public ManagedChannel channel() {
    HostPort hp = HostPort.parse(target);
    NettyChannelBuilder b = NettyChannelBuilder.forAddress(hp.host(), hp.port()).keepAliveTime(30, TimeUnit.SECONDS);
    if (tls) {
      b.useTransportSecurity();
    } else {
      b.usePlaintext();
    }
    if (token != null && !token.isBlank()) {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
      b.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    return b.build();
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
