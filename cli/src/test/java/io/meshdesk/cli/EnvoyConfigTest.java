package io.meshdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.cors.v3.CorsPolicy;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServiceDescriptor;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the production edge (envoy/envoy.yaml) as Envoy reads it: strictly parsed into the v3
 * Bootstrap, every gRPC service of the contracts routed to the cluster whose server registers it,
 * streaming methods free of timeouts and unary routes bounded, browsers able to read the gRPC
 * status headers, and every upstream spoken to over HTTP/2 and TLS with gRPC health checks.
 */
class EnvoyConfigTest {

  /**
   * Which Envoy cluster serves each gRPC service: the service each server registers (TicketServer,
   * LedgerServer, AiWorker). Checked against the generated descriptors, so a new service in proto/
   * fails this test until it is placed here and routed.
   */
  private static final Map<String, String> SERVED_BY =
      Map.of(
          "meshdesk.identity.v1.IdentityService", "ticket_server",
          "meshdesk.ticket.v1.TicketService", "ticket_server",
          "meshdesk.ledger.v1.LedgerService", "ledger_server",
          "meshdesk.reminder.v1.ReminderService", "ledger_server",
          "meshdesk.knowledge.v1.KnowledgeService", "ai_worker",
          "meshdesk.ai.v1.AssistantService", "ai_worker");

  private static String yaml;
  private static Bootstrap bootstrap;
  private static HttpConnectionManager hcm;
  private static Listener listener;
  private static VirtualHost virtualHost;
  private static List<ServiceDescriptor> services;

  @BeforeAll
  static void load() throws Exception {
    yaml = Files.readString(EnvoyBootstrap.repositoryRoot().resolve("envoy/envoy.yaml"));
    bootstrap = EnvoyBootstrap.parse(yaml);
    listener = bootstrap.getStaticResources().getListeners(0);
    hcm =
        listener
            .getFilterChains(0)
            .getFilters(0)
            .getTypedConfig()
            .unpack(HttpConnectionManager.class);
    virtualHost = hcm.getRouteConfig().getVirtualHosts(0);
    services = generatedServices();
  }

  @Test
  void rejectsAnUnknownField() {
    String bad =
        yaml.replace("connect_timeout: 1s", "connect_timeout: 1s\n      conect_timeout: 1s");

    assertThatThrownBy(() -> EnvoyBootstrap.parse(bad))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("conect_timeout");
  }

  @Test
  void rejectsAnUnknownFieldInsideATypedConfig() {
    String bad = yaml.replace("expose_headers:", "expose_header:");

    assertThatThrownBy(() -> EnvoyBootstrap.parse(bad))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("expose_header");
  }

  @Test
  void rejectsAValueOfTheWrongType() {
    String bad = yaml.replace("xff_num_trusted_hops: 0", "xff_num_trusted_hops: one");

    assertThatThrownBy(() -> EnvoyBootstrap.parse(bad))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("one");
  }

  @Test
  void servedByNamesExactlyTheServicesOfTheContracts() {
    assertThat(services.stream().map(ServiceDescriptor::getName))
        .as("services of the generated descriptors")
        .containsExactlyInAnyOrderElementsOf(SERVED_BY.keySet());
  }

  @Test
  void routesEveryMethodToTheClusterThatServesItsService() {
    for (ServiceDescriptor service : services) {
      for (var method : service.getMethods()) {
        Route route =
            routeFor("/" + method.getFullMethodName())
                .orElseThrow(
                    () -> new AssertionError("no route for " + method.getFullMethodName()));
        assertThat(route.getRoute().getCluster())
            .as(method.getFullMethodName())
            .isEqualTo(SERVED_BY.get(service.getName()));
        assertThat(cluster(route.getRoute().getCluster())).isPresent();
      }
    }
  }

  @Test
  void streamingMethodsHaveNoTimeoutAndUnaryMethodsHaveOne() {
    int streaming = 0;
    for (ServiceDescriptor service : services) {
      for (var method : service.getMethods()) {
        var action = routeFor("/" + method.getFullMethodName()).orElseThrow().getRoute();
        String name = method.getFullMethodName();
        if (method.getType() == MethodType.UNARY) {
          assertThat(seconds(action.getTimeout())).as("timeout of unary %s", name).isPositive();
          assertThat(action.hasIdleTimeout())
              .as("idle timeout override on unary %s", name)
              .isFalse();
        } else {
          streaming++;
          assertThat(action.hasTimeout()).as("%s sets its timeout", name).isTrue();
          assertThat(seconds(action.getTimeout())).as("timeout of streaming %s", name).isZero();
          assertThat(action.hasIdleTimeout()).as("%s sets its idle timeout", name).isTrue();
          assertThat(seconds(action.getIdleTimeout()))
              .as("idle timeout of streaming %s", name)
              .isZero();
        }
      }
    }
    assertThat(streaming).as("streaming methods found").isGreaterThanOrEqualTo(3);
    assertThat(seconds(hcm.getStreamIdleTimeout())).as("listener-wide idle timeout").isPositive();
  }

  @Test
  void everyRouteWithoutATimeoutIsAStreamingMethod() {
    List<String> streamingPaths = new ArrayList<>();
    services.forEach(
        s ->
            s.getMethods().stream()
                .filter(m -> m.getType() != MethodType.UNARY)
                .forEach(m -> streamingPaths.add("/" + m.getFullMethodName())));
    for (Route route : virtualHost.getRoutesList()) {
      if (seconds(route.getRoute().getTimeout()) == 0) {
        assertThat(streamingPaths).as("route without timeout").contains(route.getMatch().getPath());
      }
    }
  }

  @Test
  void corsExposesTheGrpcStatusHeadersToBrowsers() throws Exception {
    CorsPolicy cors =
        virtualHost
            .getTypedPerFilterConfigOrThrow("envoy.filters.http.cors")
            .unpack(CorsPolicy.class);

    assertThat(csv(cors.getExposeHeaders()))
        .contains(
            "grpc-status", "grpc-message", "grpc-status-details-bin", "grpc-retry-pushback-ms");
    assertThat(csv(cors.getAllowHeaders()))
        .contains("x-grpc-web", "content-type", "authorization", "grpc-timeout");
  }

  @Test
  void runsGrpcWebThenCorsThenTheRouter() {
    assertThat(hcm.getHttpFiltersList().stream().map(HttpFilter::getName))
        .containsExactly(
            "envoy.filters.http.grpc_web", "envoy.filters.http.cors", "envoy.filters.http.router");
  }

  @Test
  void terminatesTlsWithMountedCertificatesAndAppendsTheClientAddress() throws Exception {
    assertThat(bootstrap.getStaticResources().getListenersList()).hasSize(1);
    FilterChain chain = listener.getFilterChains(0);
    var tls = chain.getTransportSocket().getTypedConfig().unpack(DownstreamTlsContext.class);
    var certificate = tls.getCommonTlsContext().getTlsCertificates(0);

    assertThat(certificate.getCertificateChain().getFilename()).startsWith("/etc/envoy/tls/");
    assertThat(certificate.getPrivateKey().getFilename()).startsWith("/etc/envoy/tls/");
    assertThat(tls.getCommonTlsContext().getAlpnProtocolsList()).contains("h2", "http/1.1");
    assertThat(hcm.getUseRemoteAddress().getValue()).isTrue();
    assertThat(hcm.getXffNumTrustedHops()).isZero();
  }

  @Test
  void everyClusterSpeaksHttp2OverTlsWithGrpcHealthChecks() throws Exception {
    List<Cluster> clusters = bootstrap.getStaticResources().getClustersList();
    assertThat(clusters).isNotEmpty();
    for (Cluster cluster : clusters) {
      String name = cluster.getName();
      Any options =
          cluster.getTypedExtensionProtocolOptionsOrThrow(
              "envoy.extensions.upstreams.http.v3.HttpProtocolOptions");
      assertThat(
              options
                  .unpack(HttpProtocolOptions.class)
                  .getExplicitHttpConfig()
                  .hasHttp2ProtocolOptions())
          .as("%s speaks HTTP/2", name)
          .isTrue();
      var tls = cluster.getTransportSocket().getTypedConfig().unpack(UpstreamTlsContext.class);
      assertThat(tls.getCommonTlsContext().getValidationContext().getTrustedCa().getFilename())
          .as("%s validates the server against a CA file", name)
          .isNotEmpty();
      assertThat(cluster.getHealthChecksList())
          .as("%s health checks", name)
          .isNotEmpty()
          .allMatch(HealthCheck::hasGrpcHealthCheck);
    }
  }

  private static Optional<Route> routeFor(String path) {
    return virtualHost.getRoutesList().stream().filter(r -> matches(r, path)).findFirst();
  }

  private static boolean matches(Route route, String path) {
    var match = route.getMatch();
    return switch (match.getPathSpecifierCase()) {
      case PATH -> match.getPath().equals(path);
      case PREFIX -> path.startsWith(match.getPrefix());
      default -> throw new AssertionError("unsupported route match " + match);
    };
  }

  private static Optional<Cluster> cluster(String name) {
    return bootstrap.getStaticResources().getClustersList().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst();
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNanos() / 1e9;
  }

  private static List<String> csv(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).toList();
  }

  /** Every {@code *Grpc} class generated from proto/, found next to TicketServiceGrpc. */
  private static List<ServiceDescriptor> generatedServices()
      throws IOException, URISyntaxException {
    Path location =
        Path.of(
            TicketServiceGrpc.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<ServiceDescriptor> found = new ArrayList<>();
    try (FileSystem jar =
        Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
      Path root = jar == null ? location : jar.getPath("/");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith("Grpc.class")).toList()) {
          String className =
              root.relativize(file).toString().replace(".class", "").replace('/', '.');
          found.add(descriptorOf(className));
        }
      }
    }
    return found;
  }

  private static ServiceDescriptor descriptorOf(String className) {
    try {
      return (ServiceDescriptor)
          Class.forName(className).getMethod("getServiceDescriptor").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot read the descriptor of " + className, e);
    }
  }
}
