package io.meshdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.platform.runtime.Shutdown;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser console in headless Chromium against the whole system of {@code meshctl dev}, served
 * by its grpc-web bridge: runs console/e2e/run.mjs (playwright-core) and requires every scenario to
 * pass: a failed or a PENDING scenario (an RPC answering UNIMPLEMENTED) fails this test. The
 * console is built by Maven before this runs (cli/pom.xml); {@code -Dconsole.skip=true} skips both.
 */
class ConsoleBrowserIT {

  private static final Pattern DEMO_PASSWORD = Pattern.compile("password for all: (\\S+?)\\)");

  private static final Shutdown shutdown = new Shutdown();
  private static DevCommand.Running running;
  private static String devOutput;
  private static Path root;

  @BeforeAll
  static void startDev() throws Exception {
    root = repositoryRoot();
    DevCommand dev = new DevCommand();
    dev.useFreePorts();
    dev.serveConsoleFrom(root.resolve("console/dist"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    running = dev.start(shutdown, new PrintStream(out, true, StandardCharsets.UTF_8));
    devOutput = out.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopDev() {
    shutdown.close();
  }

  @Test
  void bridgeServesTheBuiltConsoleAndDeepLinks() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"/", "/some/deep/link"}) {
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(URI.create(consoleUrl() + path.substring(1))).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(res.statusCode()).as(path).isEqualTo(200);
      assertThat(res.body()).as(path).contains("<div id=\"app\"");
    }
  }

  @Test
  void consoleScenariosPassInHeadlessChromium() throws Exception {
    Matcher password = DEMO_PASSWORD.matcher(devOutput);
    assertThat(password.find())
        .as("demo password in the output of meshctl dev:%n%s", devOutput)
        .isTrue();
    // The README's screenshots are refreshed only on request (-Dscreenshots.update=true), so a
    // test run never changes tracked files.
    Path shots =
        Boolean.getBoolean("screenshots.update")
            ? root.resolve("docs/screenshots")
            : Path.of("target", "screenshots").toAbsolutePath();
    Files.createDirectories(shots);
    // Node's output goes through this JVM's System.out (a forked test JVM must not share its native
    // stdout) and into target/console-e2e.log.
    Path log = Path.of("target", "console-e2e.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder("node", "e2e/run.mjs")
            .directory(root.resolve("console").toFile())
            .redirectErrorStream(true);
    pb.environment()
        .putAll(
            Map.of(
                "CONSOLE_URL", consoleUrl(),
                "GRPC_URL", "http://127.0.0.1:" + running.ticketPort(),
                "E2E_PASSWORD", password.group(1),
                "SCREENSHOT_DIR", shots.toString(),
                "CHROMIUM", System.getProperty("chromium", "/usr/bin/chromium")));
    Process node = pb.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread pump = Thread.ofVirtual().start(() -> copyLines(node.getInputStream(), log, lines));

    boolean finished = node.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      node.destroyForcibly();
    }

    pump.join(5_000);
    assertThat(finished).as("e2e finished within 10 minutes").isTrue();
    assertThat(node.exitValue())
        .as("console/e2e/run.mjs exit code (see [e2e] lines above)")
        .isZero();
    assertThat(lines)
        .as("scenarios")
        .anyMatch(l -> l.startsWith("[e2e] PASS"))
        .noneMatch(l -> l.startsWith("[e2e] PENDING"));
  }

  private static void copyLines(java.io.InputStream in, Path log, List<String> lines) {
    try (var reader =
            new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        System.out.println(line);
        lines.add(line);
        file.write(line);
        file.newLine();
        file.flush();
      }
    } catch (IOException e) {
      System.out.println("[e2e] output lost: " + e);
    }
  }

  private static String consoleUrl() {
    return "http://127.0.0.1:" + running.webPort() + "/";
  }

  private static Path repositoryRoot() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("console/e2e"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IOException("console/e2e not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
