package io.meshdesk.platform.config;

/**
 * Whether a gRPC server answers server reflection (v1 and v1alpha), which tools such as grpcurl use
 * to discover services without the proto files.
 *
 * @param enabled {@code MESHDESK_GRPC_REFLECTION}, default {@code true}
 */
public record ReflectionConfig(boolean enabled) {

  /** Reads {@code MESHDESK_GRPC_REFLECTION} (true/false, default true). */
  public static ReflectionConfig from(Env env) {
    return new ReflectionConfig(env.bool("MESHDESK_GRPC_REFLECTION", true));
  }
}
