package io.meshdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks deploy/kubernetes as Kubernetes would see it: the base and the production overlay render,
 * every object is a valid model object, and the servers' ports, probes and settings match the
 * configuration table of the README.
 */
class KubernetesManifestsTest {

  /** Each server's Deployment and the prefix of its listener settings in the README table. */
  private static final Map<String, String> SERVER_PREFIX =
      Map.of(
          "ticket-server", "MESHDESK_TICKET",
          "ledger-server", "MESHDESK_LEDGER",
          "ai-worker", "MESHDESK_AI");

  private static final Pattern TABLE_ROW =
      Pattern.compile("(?m)^\\| (`MESHDESK_[^|]+)\\| ([^|]*)\\|");
  private static final Pattern NAME = Pattern.compile("`([A-Z_]+)`");

  private static Path root;
  private static Map<String, List<HasMetadata>> rendered = new HashMap<>();
  private static Set<String> documented;
  private static Map<String, String> defaults;

  @BeforeAll
  static void render() throws Exception {
    root = EnvoyBootstrap.repositoryRoot();
    for (String dir : List.of("base", "overlays/production")) {
      rendered.put(
          dir,
          KubernetesManifests.parse(
              KubernetesManifests.render(root.resolve("deploy/kubernetes").resolve(dir))));
    }
    readReadmeTable(Files.readString(root.resolve("README.md")));
  }

  @Test
  void rejectsAnUnknownField() {
    String bad =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: x }
        spec: { replica: 2 }
        """;

    assertThatThrownBy(() -> KubernetesManifests.parse(bad)).hasMessageContaining("replica");
  }

  @Test
  void rejectsAValueOfTheWrongType() {
    String bad =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: x }
        spec: { replicas: [2] }
        """;

    assertThatThrownBy(() -> KubernetesManifests.parse(bad)).hasMessageContaining("replicas");
  }

  @Test
  void rendersEveryObjectTheSystemNeeds() {
    for (List<HasMetadata> objects : rendered.values()) {
      assertThat(names(objects, Deployment.class))
          .containsExactlyInAnyOrder("ticket-server", "ledger-server", "ai-worker", "envoy");
      assertThat(names(objects, Service.class))
          .containsExactlyInAnyOrder("ticket-server", "ledger-server", "ai-worker", "envoy");
      assertThat(names(objects, PodDisruptionBudget.class))
          .containsExactlyInAnyOrder("ticket-server", "ledger-server", "ai-worker", "envoy");
      assertThat(names(objects, HorizontalPodAutoscaler.class))
          .containsExactlyInAnyOrder("ticket-server", "ai-worker");
      assertThat(of(objects, Job.class))
          .singleElement()
          .satisfies(
              job ->
                  assertThat(
                          job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                      .containsExactly("bin/meshctl", "migrate"));
      assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
    }
  }

  @Test
  void envoyRunsTheRepositoryEdgeConfiguration() throws Exception {
    String edge = Files.readString(root.resolve("envoy/envoy.yaml"));

    assertThat(Files.readString(root.resolve("deploy/kubernetes/base/envoy.yaml")))
        .as("deploy/kubernetes/base/envoy.yaml is a copy of envoy/envoy.yaml")
        .isEqualTo(edge);
    ConfigMap config =
        of(rendered.get("base"), ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().startsWith("envoy-"))
            .findFirst()
            .orElseThrow();
    assertThat(config.getData()).containsEntry("envoy.yaml", edge);
  }

  @Test
  void serversListenAndAreProbedWhereTheReadmeSays() {
    for (var server : SERVER_PREFIX.entrySet()) {
      String prefix = server.getValue();
      Container c = container(server.getKey());
      Map<String, String> env = env(c);
      int grpc = port(c, "grpc");

      assertThat(grpc)
          .as("%s gRPC port", server.getKey())
          .isEqualTo(Integer.parseInt(env.get(prefix + "_PORT")))
          .isEqualTo(Integer.parseInt(defaults.get(prefix + "_PORT")));
      assertThat(port(c, "metrics"))
          .isEqualTo(Integer.parseInt(defaults.get(prefix + "_METRICS_PORT")))
          .isEqualTo(Integer.parseInt(env.get(prefix + "_METRICS_PORT")));
      int health = Integer.parseInt(env.get(prefix + "_HEALTH_PORT"));
      assertThat(port(c, "health")).isEqualTo(health).isNotEqualTo(grpc);
      assertThat(c.getReadinessProbe().getGrpc().getPort())
          .as("%s readiness", server.getKey())
          .isEqualTo(health);
      assertThat(c.getLivenessProbe().getGrpc().getPort())
          .as("%s liveness", server.getKey())
          .isEqualTo(health);
      assertThat(env).containsEntry("MESHDESK_TRUSTED_PROXY_HOPS", "1");
      Service service = named(rendered.get("base"), Service.class, server.getKey());
      assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(grpc);
    }
  }

  @Test
  void everySettingTheManifestsUseIsDocumentedInTheReadme() {
    for (List<HasMetadata> objects : rendered.values()) {
      for (Container c : containers(objects)) {
        assertThat(env(c).keySet()).as("settings of %s", c.getName()).isSubsetOf(documented);
      }
    }
  }

  @Test
  void everyContainerRunsNonRootOnAReadOnlyFilesystemWithoutCapabilities() {
    for (List<HasMetadata> objects : rendered.values()) {
      for (PodSpec pod : podSpecs(objects)) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getVolumes())
            .anyMatch(v -> v.getEmptyDir() != null && v.getName().equals("tmp"));
        for (Container c : pod.getContainers()) {
          var security = c.getSecurityContext();
          assertThat(security.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
          assertThat(security.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
          assertThat(security.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
          assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
          assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
        }
      }
    }
  }

  @Test
  void onlyEnvoyAndOtherServersReachTheServers() {
    NetworkPolicy servers = named(rendered.get("base"), NetworkPolicy.class, "meshdesk-servers");

    assertThat(servers.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("meshdesk.io/role", "server");
    assertThat(servers.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
    assertThat(servers.getSpec().getIngress())
        .allSatisfy(
            rule ->
                assertThat(rule.getFrom())
                    .isNotEmpty()
                    .allSatisfy(
                        peer ->
                            assertThat(
                                    peer.getPodSelector().getMatchLabels().get("meshdesk.io/role"))
                                .isIn("edge", "server")));
    assertThat(servers.getSpec().getEgress())
        .flatExtracting(r -> r.getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .contains(5432, 6379);
  }

  private static void readReadmeTable(String readme) {
    documented = new HashSet<>();
    defaults = new HashMap<>();
    Matcher row = TABLE_ROW.matcher(readme);
    while (row.find()) {
      List<String> names = NAME.matcher(row.group(1)).results().map(m -> m.group(1)).toList();
      List<String> values =
          Stream.of(row.group(2).split(" / ")).map(v -> v.trim().replace("`", "")).toList();
      String first = names.get(0);
      for (int i = 0; i < names.size(); i++) {
        for (String name : expand(first, names.get(i))) {
          documented.add(name);
          if (values.size() == names.size()) {
            defaults.putIfAbsent(name, values.get(i));
          }
        }
      }
    }
  }

  /**
   * `MESHDESK_TICKET_PORT` / `_METRICS_PORT`: a leading underscore continues a stem of the first
   * name.
   */
  private static List<String> expand(String first, String name) {
    if (!name.startsWith("_")) {
      return List.of(name);
    }
    String[] parts = first.split("_");
    return Stream.iterate(parts.length - 1, n -> n >= 2, n -> n - 1)
        .map(n -> String.join("_", List.of(parts).subList(0, n)) + name)
        .toList();
  }

  private static Container container(String deployment) {
    return named(rendered.get("base"), Deployment.class, deployment)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static Map<String, String> env(Container c) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar v : c.getEnv()) {
      env.put(v.getName(), v.getValue());
    }
    return env;
  }

  private static int port(Container c, String name) {
    return c.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow()
        .getContainerPort();
  }

  private static List<PodSpec> podSpecs(List<HasMetadata> objects) {
    return Stream.concat(
            of(objects, Deployment.class).stream().map(d -> d.getSpec().getTemplate().getSpec()),
            of(objects, Job.class).stream().map(j -> j.getSpec().getTemplate().getSpec()))
        .toList();
  }

  private static List<Container> containers(List<HasMetadata> objects) {
    return podSpecs(objects).stream().flatMap(p -> p.getContainers().stream()).toList();
  }

  private static <T extends HasMetadata> List<T> of(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static <T extends HasMetadata> List<String> names(
      List<HasMetadata> objects, Class<T> type) {
    return of(objects, type).stream().map(o -> o.getMetadata().getName()).toList();
  }

  private static <T extends HasMetadata> T named(
      List<HasMetadata> objects, Class<T> type, String name) {
    return of(objects, type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }
}
