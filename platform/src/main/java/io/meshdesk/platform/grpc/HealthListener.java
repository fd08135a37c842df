package io.meshdesk.platform.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A plaintext listener that serves only {@code grpc.health.v1}, sharing the main server's health
 * status, so probes that cannot speak TLS (kubelet's native gRPC probe) reach a server whose
 * application port requires it. Every other service answers UNIMPLEMENTED.
 */
final class HealthListener implements AutoCloseable {

  private final Server server;
  private final String host;
  private final int port;

  HealthListener(String host, int port, HealthStatusManager health) {
    this.host = host;
    this.port = port;
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .addService(health.getHealthService())
            .build();
  }

  void start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "health port could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
