package io.meshdesk.cli.topology;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One Meshdesk server as its own OS process: {@code java -cp <this class path> <main class>}
 * configured only through environment variables, as an operator runs it. Its output goes to a
 * log file; {@link #kill()} is SIGKILL.
 */
final class ServerProcess implements AutoCloseable {

  private final String name;
  private final String mainClass;
  private final Map<String, String> env;
  private final int port;
  private final Path log;
  private Process process;

  private ServerProcess(String name, String mainClass, Map<String, String> env, int port, Path log) {
    this.name = name;
    this.mainClass = mainClass;
    this.env = env;
    this.port = port;
    this.log = log;
  }

  /** Starts {@code mainClass} with {@code env} and waits until it answers health SERVING on {@code port}. */
  static ServerProcess start(String name, Class<?> mainClass, Map<String, String> env, int port, Path logDir) {
    ServerProcess p = new ServerProcess(name, mainClass.getName(), env, port, logDir.resolve(name + ".log"));
    p.launch();
    return p;
  }

  /** {@code 127.0.0.1:port}. */
  String target() {
    return "127.0.0.1:" + port;
  }

  /** Its process id. */
  long pid() {
    return process.pid();
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
    // Four server JVMs share two cores with the test: C1 only and small heaps keep start-up short.
    List<String> command = io.meshdesk.cli.bench.ChildJvm.command(
        List.of("-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), mainClass, List.of());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("MESHDESK_"));
    pb.environment().putAll(env);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      Awaitility.await(name + " SERVING").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
              return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                  .check(HealthCheckRequest.getDefaultInstance()).getStatus() == HealthCheckResponse.ServingStatus.SERVING;
            } catch (RuntimeException notYet) {
              return false;
            }
          });
    } finally {
      channel.shutdownNow();
    }
  }

  /** The last lines of its log. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
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
