package io.meshdesk.platform.config;

import java.time.Duration;

/**
 * How a service's gRPC server listens.
 *
 * @param host bind address
 * @param port gRPC port (0 picks a free port)
 * @param metricsPort Prometheus metrics HTTP port (0 picks a free port, -1 disables)
 * @param maxInboundMessageBytes largest request message accepted
 * @param keepAliveTime server pings an idle connection after this long
 * @param keepAliveTimeout and closes it when the ping is not answered within this
 * @param permitKeepAliveTime the most frequent client keepalive ping allowed
 * @param shutdownGrace how long a stop waits for in-flight calls before cancelling them
 */
public record GrpcConfig(
    String host,
    int port,
    int metricsPort,
    int maxInboundMessageBytes,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration permitKeepAliveTime,
    Duration shutdownGrace) {

  /**
   * Reads {@code <prefix>_HOST}, {@code _PORT}, {@code _METRICS_PORT} and the shared
   * {@code MESHDESK_GRPC_*} limits.
   *
   * @param prefix e.g. {@code MESHDESK_TICKET}
   */
  public static GrpcConfig from(Env env, String prefix, int defaultPort, int defaultMetricsPort) {
    return new GrpcConfig(
        env.string(prefix + "_HOST", "0.0.0.0"),
        env.port(prefix + "_PORT", defaultPort),
        env.integer(prefix + "_METRICS_PORT", defaultMetricsPort, -1, 65535),
        env.integer("MESHDESK_GRPC_MAX_MESSAGE_BYTES", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
        env.duration("MESHDESK_GRPC_KEEPALIVE_TIME", Duration.ofSeconds(30)),
        env.duration("MESHDESK_GRPC_KEEPALIVE_TIMEOUT", Duration.ofSeconds(10)),
        env.duration("MESHDESK_GRPC_PERMIT_KEEPALIVE_TIME", Duration.ofSeconds(10)),
        env.duration("MESHDESK_GRPC_SHUTDOWN_GRACE", Duration.ofSeconds(30)));
  }

  /** Loopback, free ports, metrics off: for tests and embedded runs. */
  public static GrpcConfig loopback() {
    return new GrpcConfig(
        "127.0.0.1",
        0,
        -1,
        4 * 1024 * 1024,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30));
  }

  /** A copy listening on another port. */
  public GrpcConfig withPort(int newPort, int newMetricsPort) {
    return new GrpcConfig(
        host,
        newPort,
        newMetricsPort,
        maxInboundMessageBytes,
        keepAliveTime,
        keepAliveTimeout,
        permitKeepAliveTime,
        shutdownGrace);
  }
}
