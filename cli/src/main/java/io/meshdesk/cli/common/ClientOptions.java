package io.meshdesk.cli.common;

import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.grpc.ClientRetry;
import io.meshdesk.platform.grpc.GrpcChannels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
      description = {
        "Server address host:port for every call (default: $MESHDESK_TARGET, else the context's",
        "server for the command's service, else the `meshctl dev` port of that server)."
      },
      defaultValue = "${env:MESHDESK_TARGET}")
  String target;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description =
          "Context of `meshctl config` to use (default: $MESHCTL_CONTEXT, else the current one).")
  String context;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private Endpoints endpoints;

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

  @Option(
      names = "--tls",
      description = "Use TLS, verifying the server against the JVM's trust store (see --ca-file).")
  boolean tls;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "PEM CA to verify the server against; implies TLS (default: $MESHDESK_TLS_CA_FILE).",
      defaultValue = "${env:MESHDESK_TLS_CA_FILE}")
  Path caFile;

  @Option(
      names = "--cert-file",
      paramLabel = "FILE",
      description =
          "PEM client certificate for servers that require one (mutual TLS; default:"
              + " $MESHDESK_TLS_CLIENT_CERT_FILE). Needs --key-file and --ca-file.",
      defaultValue = "${env:MESHDESK_TLS_CLIENT_CERT_FILE}")
  Path certFile;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description = "PEM PKCS#8 key of --cert-file (default: $MESHDESK_TLS_CLIENT_KEY_FILE).",
      defaultValue = "${env:MESHDESK_TLS_CLIENT_KEY_FILE}")
  Path keyFile;

  /** The ticket server's address (identity lives there): see {@link Endpoints}. */
  public String target() {
    return endpoints().address(Server.TICKET);
  }

  /**
   * Where this run's calls go: {@code --target}, the context named by {@code --context} (on the
   * command or before it, on {@code meshctl}) or {@code $MESHCTL_CONTEXT}, else the current one.
   */
  public Endpoints endpoints() {
    if (endpoints == null) {
      String named = context;
      if (named == null && mixee != null && mixee.root().userObject() instanceof ContextOption c) {
        named = c.context();
      }
      if (named == null) {
        named = System.getenv("MESHCTL_CONTEXT");
      }
      endpoints = Endpoints.resolve(target, named);
    }
    return endpoints;
  }

  /** The saved session this run uses: the context's, else the context-free one. */
  public CredentialsStore sessionStore() {
    return endpoints().sessionStore();
  }

  /** The tenant to sign in to by default: the context's, else none. */
  public String defaultTenant() {
    return endpoints().tenant().orElse("");
  }

  /** A command that takes {@code --context} before any subcommand (the root, meshctl). */
  public interface ContextOption {
    /** The context named on the command line, or null. */
    String context();
  }

  /** The selected output format. */
  public OutputFormat output() {
    return output;
  }

  /** How to print results: {@code --output} and {@code --no-headers}. */
  public Output printer() {
    return new Output(output, !noHeaders);
  }

  /** Whether to use TLS: {@code --tls} or a CA file. */
  public boolean tls() {
    return tls || caFile() != null;
  }

  /** {@code --ca-file}, else {@code $MESHDESK_TLS_CA_FILE}, else the context's, else none. */
  private Path caFile() {
    if (caFile != null) {
      return caFile;
    }
    return endpoints().caFile().map(Path::of).orElse(null);
  }

  /**
   * The access token, or null: {@code --token}, else {@code $MESHDESK_TOKEN}, else the one saved by
   * {@code meshctl login}, refreshed first when it has expired or is about to.
   */
  public String token() {
    if (token != null && !token.isBlank()) {
      return token;
    }
    return new Session(sessionStore(), java.time.Clock.systemUTC(), this::sessionChannel)
        .accessToken()
        .orElse(null);
  }

  /**
   * Opens a channel that sends each call to the server of its service ({@link Endpoints}); the
   * token ({@link #token()}), when present, is sent on every call. It is looked up at the first
   * call, so a command that fails before calling never touches the saved session.
   */
  public ManagedChannel channel() {
    return routed(true);
  }

  /** Opens a channel like {@link #channel()} that sends no token (sign-in calls). */
  public ManagedChannel anonymousChannel() {
    return routed(false);
  }

  private ManagedChannel routed(boolean withToken) {
    Endpoints e = endpoints();
    if (e.singleTarget().isPresent()) {
      return open(e.singleTarget().get(), withToken);
    }
    return new RoutingChannel(e::address, address -> open(address, withToken));
  }

  /**
   * Opens a channel that sends no token to the server a saved session was signed in at, with TLS
   * when the session used it (verified against this run's {@code --ca-file}, when given): for
   * refreshing and ending the session.
   */
  public ManagedChannel sessionChannel(Credentials session) {
    return open(session.target(), session.tls(), false);
  }

  /**
   * Opens a channel to {@code target}: verifying the server against {@code --ca-file} (through
   * platform's {@link GrpcChannels}), against the JVM's trust store with only {@code --tls}, else
   * plaintext; optionally sending {@link #token()}. A failed TLS handshake ends the call with one
   * line naming the target and the reason.
   *
   * @throws IllegalArgumentException when a configured TLS file cannot be read
   */
  private ManagedChannel open(String address, boolean withToken) {
    return open(address, tls(), withToken);
  }

  private ManagedChannel open(String address, boolean useTls, boolean withToken) {
    HostPort hp = HostPort.parse(address);
    NettyChannelBuilder b;
    Path ca = caFile();
    if (useTls && ca != null) {
      b =
          NettyChannelBuilder.forAddress(
              hp.host(), hp.port(), GrpcChannels.credentials(tlsConfig()));
    } else {
      b = NettyChannelBuilder.forAddress(hp.host(), hp.port());
      if (useTls) {
        b.useTransportSecurity();
      } else {
        b.usePlaintext();
      }
    }
    ClientRetry.apply(b.keepAliveTime(30, TimeUnit.SECONDS));
    b.intercept(new HandshakeFailures(address));
    if (withToken) {
      b.intercept(new BearerInterceptor(new BearerCredentials(this)));
    }
    return b.build();
  }

  /** The client TLS settings of {@code --ca-file}, {@code --cert-file} and {@code --key-file}. */
  private TlsConfig tlsConfig() {
    Path ca = caFile();
    readable("--ca-file", ca);
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("--cert-file and --key-file must be given together");
    }
    TlsConfig config = TlsConfig.client(ca);
    if (certFile != null) {
      readable("--cert-file", certFile);
      readable("--key-file", keyFile);
      config = config.withClientCertificate(certFile, keyFile);
    }
    return config;
  }

  private static void readable(String option, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(option + " " + file + ": no such readable file");
    }
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
              applier.fail(Status.UNAUTHENTICATED.withDescription(e.getMessage()));
            }
          });
    }
  }

  /**
   * Turns a call that failed in the TLS handshake into UNAVAILABLE saying so, with the target and
   * the handshake's own reason (an unknown CA, a name mismatch, a plaintext peer).
   */
  private record HandshakeFailures(String target) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onClose(Status status, Metadata trailers) {
                  super.onClose(explain(status), trailers);
                }
              },
              headers);
        }
      };
    }

    private Status explain(Status status) {
      for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
        if (t instanceof SSLException) {
          Throwable root = t;
          while (root.getCause() != null) {
            root = root.getCause();
          }
          return Status.UNAVAILABLE
              .withDescription("TLS handshake with " + target + " failed: " + root.getMessage())
              .withCause(t);
        }
      }
      return status;
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
