package io.meshdesk.platform.web;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.grpc.GrpcSerializationFormats;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.cors.CorsService;
import com.linecorp.armeria.server.file.FileService;
import com.linecorp.armeria.server.file.HttpFile;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.GrpcServiceBuilder;
import io.grpc.ManagedChannel;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.meshdesk.platform.grpc.GrpcChannels;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Envoy's stand-in inside one JVM: serves grpc-web (binary and text, unary and server streaming)
 * for gRPC service definitions, with CORS for the console's dev origin exposing the gRPC status
 * headers, and the built console's static files at {@code /}. Give it the definitions exactly as
 * the native server serves them (already wrapped by {@code GrpcServer.wrap}), or {@link
 * ForwardingService} relays to a native server; either way the same interceptor chain runs.
 */
public final class GrpcWebBridge implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GrpcWebBridge.class);

  /** Headers a grpc-web client must be able to read (CORS exposes them). */
  public static final List<String> EXPOSED_HEADERS =
      List.of("grpc-status", "grpc-message", "grpc-status-details-bin");

  /** Headers a grpc-web client sends (CORS allows them). */
  public static final List<String> ALLOWED_HEADERS =
      List.of(
          "content-type",
          "x-grpc-web",
          "x-user-agent",
          "grpc-timeout",
          "authorization",
          "connect-protocol-version",
          "x-request-id");

  private final Server server;
  private final List<ManagedChannel> channels;

  private GrpcWebBridge(Server server, List<ManagedChannel> channels) {
    this.server = server;
    this.channels = List.copyOf(channels);
  }

  /** A native gRPC server the bridge relays some services to. */
  public record Upstream(String host, int port, List<ServiceDescriptor> services) {
    /** Copies the list. */
    public Upstream {
      services = List.copyOf(services);
    }
  }

  /**
   * Starts a bridge relaying each upstream's services to it over one HTTP/2 channel per upstream,
   * TLS verified against {@code config.tls()}'s CA unless plaintext is opted into (the servers' own
   * chains run, as behind Envoy).
   */
  public static GrpcWebBridge startForwarding(GrpcWebConfig config, List<Upstream> upstreams) {
    Map<String, ManagedChannel> byTarget = new LinkedHashMap<>();
    List<ServerServiceDefinition> services = new ArrayList<>();
    for (Upstream up : upstreams) {
      ManagedChannel channel =
          byTarget.computeIfAbsent(
              up.host() + ":" + up.port(), t -> GrpcChannels.forTarget(t, config.tls()).build());
      up.services().forEach(d -> services.add(ForwardingService.of(d, channel)));
    }
    return start(config, services, List.copyOf(byTarget.values()));
  }

  /** Builds and starts a bridge for {@code services} (each becomes /package.Service/Method). */
  public static GrpcWebBridge start(GrpcWebConfig config, List<ServerServiceDefinition> services) {
    return start(config, services, List.of());
  }

  private static GrpcWebBridge start(
      GrpcWebConfig config, List<ServerServiceDefinition> services, List<ManagedChannel> channels) {
    GrpcServiceBuilder grpc =
        GrpcService.builder()
            .supportedSerializationFormats(GrpcSerializationFormats.values())
            .enableUnframedRequests(false)
            .useBlockingTaskExecutor(true);
    List<String> names = new ArrayList<>();
    for (ServerServiceDefinition service : services) {
      grpc.addService(service);
      names.add(service.getServiceDescriptor().getName());
    }
    Function<? super HttpService, CorsService> cors =
        CorsService.builder(config.allowedOrigins())
            .allowRequestMethods(HttpMethod.POST, HttpMethod.OPTIONS)
            .allowRequestHeaders(ALLOWED_HEADERS.toArray(String[]::new))
            .exposeHeaders(EXPOSED_HEADERS.toArray(String[]::new))
            .maxAge(config.corsMaxAge().toSeconds())
            .newDecorator();

    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    ServerBuilder sb = Server.builder();
    if (config.tls().serverTls()) {
      // Re-read like the gRPC servers' certificates; the server closes the provider on stop.
      sb.https(address).tlsProvider(new ReloadingTlsProvider(config.tls()));
    } else {
      sb.http(address);
    }
    // Subscribe streams live until the browser cancels: no request timeout.
    sb.requestTimeout(Duration.ZERO).service(grpc.build(), cors);
    config.consoleDir().filter(Files::isDirectory).ifPresent(dir -> serveConsole(sb, dir));
    Server server = sb.build();
    server.start().join();
    GrpcWebBridge bridge = new GrpcWebBridge(server, channels);
    log.info(
        "grpc-web bridge listening on {}:{} ({}; services: {}, console: {})",
        config.host(),
        bridge.port(),
        config.tls().serverTls() ? "HTTPS" : "HTTP",
        names,
        config.consoleDir().map(Path::toString).orElse("none"));
    return bridge;
  }

  private static void serveConsole(ServerBuilder sb, Path dir) {
    HttpService index =
        HttpFile.builder(dir.resolve("index.html"))
            .setHeader(HttpHeaderNames.CACHE_CONTROL, "no-cache")
            .build()
            .asService();
    // Unknown paths fall back to index.html so deep links of the single-page console work.
    // GET and HEAD only: a gRPC call to an unknown service must not be answered with the page.
    sb.route()
        .pathPrefix("/")
        .methods(HttpMethod.GET, HttpMethod.HEAD)
        .build(FileService.builder(dir).build().orElse(index));
  }

  /** The bound HTTP port. */
  public int port() {
    return server.activeLocalPort();
  }

  /** Stops accepting, lets in-flight unary calls finish, cancels streams. */
  @Override
  public void close() {
    server.stop().join();
    for (ManagedChannel channel : channels) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.info("grpc-web bridge stopped");
  }
}
