package io.meshdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the production edge (envoy/envoy.yaml) against the contracts: every service declared in
 * proto/ is routed to an HTTP/2, health-checked cluster of several endpoints, browsers can read the
 * gRPC status headers through CORS, and live streams have no timeout.
 */
class EnvoyConfigTest {

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final Pattern SERVICE = Pattern.compile("(?m)^service\\s+(\\w+)\\s*\\{");

  private static Map<String, Object> hcm;
  private static Map<String, Object> virtualHost;
  private static List<Map<String, Object>> clusters;
  private static List<String> servicePrefixes;

  @BeforeAll
  static void load() throws IOException {
    Path root = repositoryRoot();
    Map<String, Object> config;
    try (Reader r = Files.newBufferedReader(root.resolve("envoy/envoy.yaml"))) {
      config = new Yaml().load(r);
    }
    Map<String, Object> resources = map(config.get("static_resources"));
    Map<String, Object> listener = list(resources.get("listeners")).get(0);
    Map<String, Object> filter = list(list(listener.get("filter_chains")).get(0).get("filters")).get(0);
    hcm = map(filter.get("typed_config"));
    virtualHost = list(map(hcm.get("route_config")).get("virtual_hosts")).get(0);
    clusters = list(resources.get("clusters"));
    servicePrefixes = protoServices(root.resolve("proto/src/main/proto"));
  }

  @Test
  void findsTheServicesOfEveryContract() {
    assertThat(servicePrefixes)
        .contains("/meshdesk.ticket.v1.TicketService/", "/meshdesk.identity.v1.IdentityService/")
        .hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void routesEveryProtoServiceToAnHttp2HealthCheckedClusterOfSeveralEndpoints() {
    for (String prefix : servicePrefixes) {
      Optional<Map<String, Object>> route = routeFor(prefix + "AnyMethod");
      assertThat(route).as("route for %s", prefix).isPresent();
      String clusterName = (String) map(route.get().get("route")).get("cluster");
      Map<String, Object> cluster = cluster(clusterName);
      assertThat(cluster.toString()).as("cluster %s speaks HTTP/2", clusterName).contains("http2_protocol_options");
      assertThat(cluster.toString()).as("cluster %s gRPC health check", clusterName).contains("grpc_health_check");
      List<Map<String, Object>> endpoints =
          list(list(map(cluster.get("load_assignment")).get("endpoints")).get(0).get("lb_endpoints"));
      assertThat(endpoints).as("endpoints of %s", clusterName).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void corsPolicyExposesTheGrpcStatusHeadersToBrowsers() {
    Map<String, Object> perFilter = map(virtualHost.get("typed_per_filter_config"));
    Map<String, Object> cors = map(perFilter.get("envoy.filters.http.cors"));
    List<String> exposed = Arrays.stream(((String) cors.get("expose_headers")).split(",")).map(String::trim).toList();
    List<String> allowed = Arrays.stream(((String) cors.get("allow_headers")).split(",")).map(String::trim).toList();

    assertThat(exposed).contains("grpc-status", "grpc-message", "grpc-status-details-bin");
    assertThat(allowed).contains("x-grpc-web", "content-type", "authorization", "grpc-timeout");
  }

  @Test
  void runsGrpcWebThenCorsThenTheRouter() {
    List<String> filters = list(hcm.get("http_filters")).stream().map(f -> (String) f.get("name")).toList();

    assertThat(filters)
        .containsExactly("envoy.filters.http.grpc_web", "envoy.filters.http.cors", "envoy.filters.http.router");
  }

  @Test
  void agentStreamsHaveNoTimeout() {
    Map<String, Object> route = map(routeFor("/meshdesk.ticket.v1.TicketService/Subscribe").orElseThrow().get("route"));

    assertThat(route.get("timeout")).isEqualTo("0s");
    assertThat(route.get("idle_timeout")).isEqualTo("0s");
    assertThat(hcm.get("stream_idle_timeout")).isEqualTo("0s");
  }

  @Test
  void servesTheConsoleForEverythingElse() {
    Map<String, Object> route = map(routeFor("/index.html").orElseThrow().get("route"));

    assertThat(route.get("cluster")).isEqualTo("console");
    assertThat(cluster("console")).isNotNull();
  }

  /** The first route whose match accepts {@code path}, as Envoy picks it. */
  private static Optional<Map<String, Object>> routeFor(String path) {
    for (Map<String, Object> route : list(virtualHost.get("routes"))) {
      Map<String, Object> match = map(route.get("match"));
      if (path.equals(match.get("path")) || (match.get("prefix") instanceof String p && path.startsWith(p))) {
        return Optional.of(route);
      }
    }
    return Optional.empty();
  }

  private static Map<String, Object> cluster(String name) {
    return clusters.stream()
        .filter(c -> name.equals(c.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cluster " + name));
  }

  private static List<String> protoServices(Path protoRoot) throws IOException {
    List<String> prefixes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(protoRoot)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".proto")).toList()) {
        String text = Files.readString(file);
        Matcher pkg = PACKAGE.matcher(text);
        String packageName = pkg.find() ? pkg.group(1) : "";
        Matcher service = SERVICE.matcher(text);
        while (service.find()) {
          prefixes.add("/" + packageName + "." + service.group(1) + "/");
        }
      }
    }
    return prefixes;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("envoy/envoy.yaml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root with envoy/envoy.yaml").isNotNull();
    return dir;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }
}
