package io.meshdesk.platform.runtime;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape every server's {@code main} shares: read the gRPC settings (refusing early when neither
 * TLS nor the plaintext opt-in is configured), start the server, log one "ready" line, close
 * everything in reverse order on SIGTERM, and block until the server stops.
 *
 * <p>A server that cannot start logs one line naming the problem, closes what it had opened and
 * exits the JVM with status 2 for a configuration problem ({@link ConfigException}) or 1 for any
 * other failure, so a process manager sees the failure instead of a process left running by pool
 * and client threads.
 */
public final class ServerProcess {

  private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);

  /** Exit status of a server whose configuration is wrong. */
  public static final int EXIT_CONFIG = 2;

  /** Exit status of a server that failed to start for any other reason. */
  public static final int EXIT_START_FAILED = 1;

  /** Longest wait for closing what a failed start had opened before the process exits anyway. */
  private static final Duration CLOSE_BOUND = Duration.ofSeconds(15);

  /** A started server, as its process sees it. */
  public interface Running extends AutoCloseable {
    /** The bound gRPC port. */
    int port();

    /** Blocks until the server stops. */
    void awaitTermination() throws InterruptedException;
  }

  /** Builds and starts one server. */
  @FunctionalInterface
  public interface Starter {
    /**
     * Starts the server.
     *
     * @param env the process environment
     * @param grpc the server's gRPC settings, TLS already checked
     * @param opened where to register anything opened besides the returned server (closed after it,
     *     and on a failed start)
     */
    Running start(Env env, GrpcConfig grpc, Shutdown opened) throws Exception;
  }

  /** Where a server listens by default and which variables configure it. */
  public record Ports(String envPrefix, int grpcPort, int metricsPort) {}

  private ServerProcess() {}

  /**
   * Runs server {@code name} from the environment until it is stopped; exits the JVM when it cannot
   * start. Call from {@code main} only.
   */
  public static void run(String name, Ports ports, Starter starter) throws InterruptedException {
    Env env = Env.system();
    Shutdown opened = new Shutdown();
    Running server;
    try {
      GrpcConfig grpc =
          GrpcConfig.from(env, ports.envPrefix(), ports.grpcPort(), ports.metricsPort());
      grpc.tls().requireServerTlsOrOptIn();
      server = opened.register(starter.start(env, grpc, opened));
    } catch (Exception | LinkageError e) {
      failed(name, e, opened);
      return;
    }
    opened.onJvmExit();
    log.info("{} ready on port {}", name, server.port());
    server.awaitTermination();
  }

  private static void failed(String name, Throwable e, Shutdown opened) {
    log.error("{}: {}", name, describe(e));
    log.debug("{} start failure", name, e);
    Thread closer = Thread.ofPlatform().daemon().name("meshdesk-failed-start").start(opened::close);
    try {
      closer.join(CLOSE_BOUND);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    System.exit(e instanceof ConfigException ? EXIT_CONFIG : EXIT_START_FAILED);
  }

  /** One line: the message, or for an unexpected failure its type and innermost cause. */
  static String describe(Throwable e) {
    if (e instanceof ConfigException) {
      return oneLine(e.getMessage());
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = "could not start: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    if (root != e) {
      text += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return oneLine(text);
  }

  private static String oneLine(String s) {
    return String.valueOf(s).replaceAll("\\s*\\R\\s*", " ");
  }
}
