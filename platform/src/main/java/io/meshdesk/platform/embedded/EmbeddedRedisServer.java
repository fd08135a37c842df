package io.meshdesk.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A Redis server run from the embedded-redis binaries, bound to loopback and keeping nothing on
 * disk (like a cache node that loses everything on restart). It can be stopped and started again on
 * the same port, which tests use to inject Redis outages.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

  private final int port;
  private RedisServer server;

  private EmbeddedRedisServer(int port) {
    this.port = port;
  }

  /** Starts a server on {@code port} (0 picks a free one). */
  public static EmbeddedRedisServer start(int port) {
    EmbeddedRedisServer r = new EmbeddedRedisServer(port > 0 ? port : freePort());
    r.startAgain();
    log.info("embedded Redis on port {}", r.port);
    return r;
  }

  /** The server's port. */
  public int port() {
    return port;
  }

  /** Whether the server process is running. */
  public synchronized boolean running() {
    return server != null && server.isActive();
  }

  /** (Re)starts the server on the same port, empty. */
  public synchronized void startAgain() {
    if (running()) {
      return;
    }
    try {
      server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .setting("maxmemory 512mb")
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "embedded Redis failed to start on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server (its data is lost). */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (IOException e) {
      log.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
    }
    server = null;
  }

  @Override
  public void close() {
    stop();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
