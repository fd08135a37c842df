package io.meshdesk.cli.bench;

import io.meshdesk.platform.auth.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The servers under test in a JVM of their own: {@code meshctl bench sut} started with this JVM's
 * java and class path. Its log goes to a file (printed at start); requests travel as lines over its
 * stdin/stdout. {@code MESHCTL_SUT_JAVA_OPTS} passes JVM options to it (e.g. {@code -Xmx1g}).
 */
final class RemoteSut implements SystemUnderTest {

  static final String READY = "SUT-READY";

  private final Spec spec;
  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final int postgresPort;
  private final List<String> targets;
  private final Path logFile;

  private RemoteSut(
      Spec spec, Process process, BufferedReader out, PrintWriter in, String ready, Path logFile) {
    this.spec = spec;
    this.process = process;
    this.out = out;
    this.in = in;
    this.logFile = logFile;
    int pg = 0;
    List<String> t = List.of();
    for (String word : ready.split(" ")) {
      if (word.startsWith("pg=")) {
        pg = Integer.parseInt(word.substring(3));
      } else if (word.startsWith("targets=")) {
        t = word.length() == 8 ? List.of() : List.of(word.substring(8).split(","));
      }
    }
    this.postgresPort = pg;
    this.targets = t;
  }

  static RemoteSut start(Spec spec, PrintStream log) throws IOException, InterruptedException {
    return start(spec, List.of(), log);
  }

  /** Starts the servers with {@code jvmOptions} added after {@code MESHCTL_SUT_JAVA_OPTS}. */
  static RemoteSut start(Spec spec, List<String> jvmOptions, PrintStream log)
      throws IOException, InterruptedException {
    Path logFile = Files.createTempFile("meshctl-bench-servers-", ".log");
    List<String> options =
        new ArrayList<>(ChildJvm.options(System.getenv("MESHCTL_SUT_JAVA_OPTS")));
    options.addAll(jvmOptions);
    List<String> command =
        ChildJvm.command(
            options,
            ChildJvm.MESHCTL_MAIN,
            List.of(
                "bench",
                "sut",
                "--kind",
                spec.kind().name(),
                "--instances",
                Integer.toString(spec.instances()),
                "--pool-size",
                Integer.toString(spec.poolSize()),
                spec.durable() ? "--durable" : "--no-durable"));
    log.println("bench: starting the servers in their own JVM (log: " + logFile + ")...");
    Process process = new ProcessBuilder(command).redirectError(logFile.toFile()).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter in =
        new PrintWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(READY)) {
        log.println("bench: servers ready (" + line.substring(READY.length()).trim() + ")");
        return new RemoteSut(spec, process, out, in, line, logFile);
      }
    }
    process.waitFor(10, TimeUnit.SECONDS);
    throw new IllegalStateException(
        "the servers under test exited before they were ready; last lines of "
            + logFile
            + ":\n"
            + tail(logFile));
  }

  @Override
  public List<String> targets() {
    return targets;
  }

  @Override
  public String token(UUID tenant, UUID user, Role role) {
    return request("token " + tenant + " " + user + " " + role.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public String closeCard(UUID tenant, String card, LocalDate asOf) {
    return request("close-card " + tenant + " " + card + " " + asOf);
  }

  @Override
  public int postgresPort() {
    return postgresPort;
  }

  @Override
  public Spec spec() {
    return spec;
  }

  /** The servers' process id. */
  long pid() {
    return process.pid();
  }

  /** How many lines of the servers' log so far match {@code regex}. */
  long countLogLines(String regex) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
    try (var lines = Files.lines(logFile)) {
      return lines.filter(l -> p.matcher(l).find()).count();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public synchronized String request(String line) {
    in.println(line);
    try {
      String reply = out.readLine();
      if (reply == null) {
        throw new IllegalStateException("the servers under test exited; see " + logFile);
      }
      if (!reply.startsWith("OK ")) {
        throw new IllegalStateException("servers under test: " + reply);
      }
      return reply.substring(3);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    in.close();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(logFile);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (IOException e) {
      // The log file stays behind; nothing else to clean.
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
