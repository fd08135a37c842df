package io.meshdesk.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole of {@code meshctl dev} in a JVM of its own, on free ports, for benchmarks that measure
 * every server together. With {@code durable} its embedded PostgreSQL keeps its data in a throwaway
 * directory with fsync on. Stopped with SIGTERM (the dev system's own clean stop).
 */
final class DevProcess implements AutoCloseable {

  private final Process process;
  private final String output;
  private final int ticketPort;
  private final Path dataDir;

  private DevProcess(Process process, String output, int ticketPort, Path dataDir) {
    this.process = process;
    this.output = output;
    this.ticketPort = ticketPort;
    this.dataDir = dataDir;
  }

  static DevProcess start(boolean durable, PrintStream log) throws IOException {
    int ticket = freePort();
    Path dataDir = durable ? Files.createTempDirectory("meshctl-bench-dev-") : null;
    List<String> args =
        new ArrayList<>(
            List.of(
                "dev",
                "--ticket-port",
                Integer.toString(ticket),
                "--ledger-port",
                Integer.toString(freePort()),
                "--worker-port",
                Integer.toString(freePort()),
                "--postgres-port",
                Integer.toString(freePort()),
                "--redis-port",
                Integer.toString(freePort()),
                "--metrics-port",
                "-1",
                "--web-port",
                "-1",
                "--demo-activity-seconds",
                "0"));
    if (dataDir != null) {
      args.addAll(List.of("--data-dir", dataDir.toString()));
    }
    List<String> command = ChildJvm.command(List.of(), ChildJvm.MESHCTL_MAIN, args);
    Path logFile = Files.createTempFile("meshctl-bench-dev-", ".log");
    log.println(
        "bench: starting meshctl dev in its own JVM (PostgreSQL "
            + (durable ? "durable" : "fsync off")
            + "; log: "
            + logFile
            + ")...");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(logFile.toFile());
    // The bench's system on random ports must not replace the user's own `dev` context.
    builder
        .environment()
        .put("MESHDESK_CONFIG_DIR", Files.createTempDirectory("meshctl-bench-config-").toString());
    Process process = builder.start();
    StringBuilder out = new StringBuilder();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = reader.readLine()) != null; ) {
      out.append(line).append('\n');
      if (line.contains("meshctl dev: ready")) {
        Thread.ofPlatform().daemon().start(() -> drain(reader));
        return new DevProcess(process, out.toString(), ticket, dataDir);
      }
    }
    throw new IllegalStateException("meshctl dev exited before it was ready; see " + logFile);
  }

  /** What it printed up to "ready" (the summary and the demo logins). */
  String output() {
    return output;
  }

  /** The ticket-server's port. */
  int ticketPort() {
    return ticketPort;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    if (dataDir != null) {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temp directory is harmless
      }
    }
  }

  private static void drain(BufferedReader reader) {
    try {
      while (reader.readLine() != null) {
        // keep the pipe from filling
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
