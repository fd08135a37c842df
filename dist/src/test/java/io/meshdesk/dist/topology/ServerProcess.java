package io.meshdesk.dist.topology;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.dist.Distribution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One Meshdesk server as its own OS process, started by the distribution's launcher ({@code
 * bin/ticket-server} etc.) and configured only through environment variables, as an operator runs
 * it. Its output goes to a log file; {@link #kill()} is SIGKILL (the launcher {@code exec}s the
 * JVM, so the process is the JVM).
 */
final class ServerProcess implements AutoCloseable {

  /** Four server JVMs share two cores with the test: C1 only, small heaps, serial GC. */
  private static final String JAVA_OPTS = "-Xmx320m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private final String name;
  private final String launcher;
  private final Map<String, String> env;
  private final int port;
  private final Path log;
  private final TopologyTls tls;
  private Process process;

  private ServerProcess(
      String name, String launcher, Map<String, String> env, int port, Path log, TopologyTls tls) {
    this.name = name;
    this.launcher = launcher;
    this.env = env;
    this.port = port;
    this.log = log;
    this.tls = tls;
  }

  /**
   * Starts {@code bin/<launcher>} with {@code env} and waits until it answers health SERVING on
   * {@code port}.
   */
  static ServerProcess start(
      String name,
      String launcher,
      Map<String, String> env,
      int port,
      Path logDir,
      TopologyTls tls) {
    Map<String, String> full = new HashMap<>(env);
    full.putAll(tls.serverEnv());
    full.put("JAVA_HOME", System.getProperty("java.home"));
    full.put("JAVA_OPTS", JAVA_OPTS);
    ServerProcess p =
        new ServerProcess(name, launcher, full, port, logDir.resolve(name + ".log"), tls);
    p.launch();
    return p;
  }

  /** {@code 127.0.0.1:port}. */
  String target() {
    return "127.0.0.1:" + port;
  }

  /** Its gRPC port. */
  int port() {
    return port;
  }

  /** SIGKILL: no graceful stop, no shutdown hooks, as a crashed host. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts it again with the same settings and waits for SERVING. */
  void restart() {
    launch();
  }

  private void launch() {
    try {
      process =
          Distribution.launch(
              launcher, env, log.resolveSibling(name + "-" + System.nanoTime() + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    ManagedChannel channel = tls.channel(target());
    try {
      Awaitility.await(name + " SERVING")
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                  return HealthGrpc.newBlockingStub(channel)
                          .withDeadlineAfter(1, TimeUnit.SECONDS)
                          .check(HealthCheckRequest.getDefaultInstance())
                          .getStatus()
                      == HealthCheckResponse.ServingStatus.SERVING;
                } catch (RuntimeException notYet) {
                  return false;
                }
              });
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    } finally {
      channel.shutdownNow();
    }
  }

  /** The last lines of its newest log. */
  String tail() {
    try (var files = Files.list(log.getParent())) {
      Path newest =
          files
              .filter(f -> f.getFileName().toString().startsWith(name + "-"))
              .sorted()
              .reduce((a, b) -> b)
              .orElseThrow();
      List<String> lines = Files.readAllLines(newest);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
