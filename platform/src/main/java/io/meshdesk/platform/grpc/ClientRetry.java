package io.meshdesk.platform.grpc;

import io.grpc.ManagedChannelBuilder;
import java.util.List;
import java.util.Map;

/**
 * How Meshdesk's own clients (meshctl, the AI worker, servers calling each other) retry: a call
 * refused with RESOURCE_EXHAUSTED or UNAVAILABLE is tried again, at most twice more, after the
 * {@code grpc-retry-pushback-ms} the server asked for (gRPC's retry policy honours it; without a
 * hint it backs off exponentially from 100 ms). A call the server refused at admission never ran,
 * so retrying it writes nothing twice; a call that failed after running carries another status.
 */
public final class ClientRetry {

  private ClientRetry() {}

  /** The service config every Meshdesk client channel uses. */
  public static Map<String, Object> serviceConfig() {
    Map<String, Object> retry =
        Map.of(
            "maxAttempts",
            3.0,
            "initialBackoff",
            "0.1s",
            "maxBackoff",
            "2s",
            "backoffMultiplier",
            2.0,
            "retryableStatusCodes",
            List.of("RESOURCE_EXHAUSTED", "UNAVAILABLE"));
    return Map.of("methodConfig", List.of(Map.of("name", List.of(Map.of()), "retryPolicy", retry)));
  }

  /** Applies the retry policy to {@code builder}. */
  public static <T extends ManagedChannelBuilder<?>> T apply(T builder) {
    builder.defaultServiceConfig(serviceConfig()).enableRetry();
    return builder;
  }
}
