package io.meshdesk.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize} and reads every object into the
 * fabric8 Kubernetes model, failing on an unknown kind, an unknown field or a wrongly typed value.
 */
final class KubernetesManifests {

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "apps/v1/Deployment", Deployment.class,
          "v1/Service", Service.class,
          "v1/ConfigMap", ConfigMap.class,
          "batch/v1/Job", Job.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
          "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
          "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  private KubernetesManifests() {}

  /** {@code kubectl kustomize dir}, as YAML. */
  static String render(Path dir) throws IOException, InterruptedException {
    Process kubectl =
        new ProcessBuilder("kubectl", "kustomize", dir.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
      throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + out);
    }
    return out;
  }

  /** Every document of {@code yaml} as its typed model object. */
  static List<HasMetadata> parse(String yaml) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(yaml)) {
      if (doc == null) {
        continue;
      }
      Map<?, ?> map = (Map<?, ?>) doc;
      String key = map.get("apiVersion") + "/" + map.get("kind");
      Class<? extends HasMetadata> type = KINDS.get(key);
      if (type == null) {
        throw new IllegalArgumentException("unexpected kind " + key);
      }
      HasMetadata object = STRICT.readValue(STRICT.writeValueAsString(doc), type);
      requireNoUnknownFields(object, key + " " + object.getMetadata().getName());
      objects.add(object);
    }
    return objects;
  }

  /**
   * The fabric8 model keeps unknown fields in additionalProperties instead of rejecting them; this
   * walks the object and fails on any it finds.
   */
  private static void requireNoUnknownFields(Object node, String path) {
    if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8")) {
      if (node instanceof Collection<?> items) {
        int i = 0;
        for (Object item : items) {
          requireNoUnknownFields(item, path + "[" + i++ + "]");
        }
      } else if (node instanceof Map<?, ?> entries) {
        entries.forEach((k, v) -> requireNoUnknownFields(v, path + "." + k));
      }
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          throw new IllegalArgumentException("unknown field(s) " + extra.keySet() + " at " + path);
        }
      } else {
        requireNoUnknownFields(value, path + "." + getter.getName().substring(3));
      }
    }
  }
}
