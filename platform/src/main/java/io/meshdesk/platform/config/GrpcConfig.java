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
 * @param tls transport security of the server and of the clients this process opens
 * @param healthPort plaintext listener serving only {@code grpc.health.v1} for probes (0 picks a
 *     free port, -1 disables)
 */
public record GrpcConfig(
    String host,
    int port,
    int metricsPort,
    int maxInboundMessageBytes,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration permitKeepAliveTime,
    Duration shutdownGrace,
    TlsConfig tls,
    int healthPort) {

  /**
   * Reads {@code <prefix>_HOST}, {@code _PORT}, {@code _METRICS_PORT}, {@code _HEALTH_PORT}
   * (default -1, off), the shared {@code MESHDESK_GRPC_*} limits and {@code MESHDESK_TLS_*}.
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
        env.duration("MESHDESK_GRPC_SHUTDOWN_GRACE", Duration.ofSeconds(30)),
        TlsConfig.fromEnv(env),
        env.integer(prefix + "_HEALTH_PORT", -1, -1, 65535));
  }

  /**
   * Loopback, free ports, metrics and health port off, and explicitly plaintext ({@link
   * TlsConfig#plaintext()}): for in-process tests and {@code meshctl dev} without {@code --tls}.
   * Use {@link #withTls} for TLS.
   */
  public static GrpcConfig loopback() {
    return new GrpcConfig(
        "127.0.0.1",
        0,
        -1,
        4 * 1024 * 1024,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        TlsConfig.plaintext(),
        -1);
  }

  /** A copy with other transport security. */
  public GrpcConfig withTls(TlsConfig newTls) {
    return new GrpcConfig(
        host,
        port,
        metricsPort,
        maxInboundMessageBytes,
        keepAliveTime,
        keepAliveTimeout,
        permitKeepAliveTime,
        shutdownGrace,
        newTls,
        healthPort);
  }

  /** A copy with a plaintext health-only listener on {@code port} (0 free, -1 off). */
  public GrpcConfig withHealthPort(int newHealthPort) {
    return new GrpcConfig(
        host,
        port,
        metricsPort,
        maxInboundMessageBytes,
        keepAliveTime,
        keepAliveTimeout,
        permitKeepAliveTime,
        shutdownGrace,
        tls,
        newHealthPort);
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
        shutdownGrace,
        tls,
        healthPort);
  }
}
