package io.meshdesk.cli;

import static io.meshdesk.cli.CliRun.meshctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.meshdesk.cli.CliRun.Result;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.grpc.GrpcChannels;
import io.meshdesk.platform.runtime.Shutdown;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code meshctl dev --tls}: every server and the grpc-web bridge serve TLS from the throwaway CA
 * it prints, the servers' own clients verify each other against it, and meshctl reaches them only
 * when told that CA.
 */
class DevTlsIT {

  private static final Shutdown shutdown = new Shutdown();
  private static DevCommand.Running running;
  private static String devOutput;
  private static Path ca;

  @BeforeAll
  static void startDevWithTls() throws Exception {
    DevCommand dev = new DevCommand();
    new CommandLine(dev).parseArgs("--tls");
    dev.useFreePorts();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    running = dev.start(shutdown, new PrintStream(out, true, StandardCharsets.UTF_8));
    devOutput = out.toString(StandardCharsets.UTF_8);
    ca = running.caFile().orElseThrow();
  }

  @AfterAll
  static void stopDev() {
    shutdown.close();
  }

  @Test
  void devPrintsTheCaAndTheMeshctlFlagsThatTrustIt() {
    assertThat(ca).isRegularFile();
    assertThat(devOutput)
        .contains("--ca-file " + ca)
        .contains("export MESHDESK_TLS_CA_FILE=" + ca)
        .contains("https://127.0.0.1:" + running.webPort() + "/");
  }

  @Test
  void meshctlWithTheDevCaReachesEveryServer() {
    for (int port : new int[] {running.ticketPort(), running.ledgerPort(), running.workerPort()}) {
      Result r = meshctl("health", "--target", "127.0.0.1:" + port, "--ca-file", ca.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("SERVING");
    }
  }

  @Test
  void ledgerServerVerifiesTokensWithKeysFetchedOverTls() {
    ManagedChannel identity =
        GrpcChannels.forTarget("127.0.0.1:" + running.ticketPort(), TlsConfig.client(ca)).build();
    try {
      String admin =
          CliRun.login(identity, "admin@demo.meshdesk.dev", CliRun.demoPassword(devOutput));
      Result r =
          CliRun.against(
              "127.0.0.1:" + running.ledgerPort(),
              admin,
              "ledger",
              "audit",
              "--ca-file",
              ca.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("PASSED");
    } finally {
      identity.shutdownNow();
    }
  }

  @Test
  void savedSessionRefreshesAndLogsOutVerifyingTheServerAgainstTheCaFile() throws Exception {
    Path dir = Files.createTempDirectory("meshctl-tls-session");
    System.setProperty(CredentialsStore.DIR_PROPERTY, dir.toString());
    try {
      String target = "127.0.0.1:" + running.ticketPort();
      Result login =
          CliRun.withStdin(
              CliRun.demoPassword(devOutput) + "\n",
              "login",
              "--target",
              target,
              "--ca-file",
              ca.toString(),
              "--tenant",
              "demo",
              "--email",
              "admin@demo.meshdesk.dev",
              "--password-stdin");
      assertThat(login.exit()).as(login.err()).isZero();

      // An expired access token: the next command first refreshes it at the server, over TLS.
      Path file = dir.resolve("credentials.json");
      String saved = Files.readString(file);
      String expired =
          saved.replaceFirst(
              "\"access_token_expires_at\": \"[^\"]+\"",
              "\"access_token_expires_at\": \"2000-01-01T00:00:00Z\"");
      assertThat(expired).isNotEqualTo(saved);
      Files.writeString(file, expired);
      Result list =
          meshctl("tickets", "list", "--target", target, "--ca-file", ca.toString(), "-o", "json");
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(Files.readString(file)).doesNotContain("2000-01-01");

      Result logout = meshctl("logout", "--ca-file", ca.toString());
      assertThat(logout.exit()).as(logout.err()).isZero();
      assertThat(file).doesNotExist();
    } finally {
      System.clearProperty(CredentialsStore.DIR_PROPERTY);
    }
  }

  @Test
  void grpcWebBridgeServesHttpsWithTheDevCertificate() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(trusting(ca)).build();
    HttpResponse<Void> res =
        http.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + running.webPort() + "/"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(res.uri().getScheme()).isEqualTo("https");
    assertThat(res.statusCode()).isBetween(200, 499);
  }

  @Test
  void meshctlWithoutTheCaFailsWithOneLineNamingTheTargetAndTheReason() {
    String target = "127.0.0.1:" + running.ticketPort();
    Result r = meshctl("health", "--target", target, "--tls", "--timeout-seconds", "10");
    assertThat(r.exit()).isEqualTo(7);
    assertThat(r.err().strip())
        .startsWith("meshctl: UNAVAILABLE: TLS handshake with " + target + " failed: ")
        .doesNotContain("\n");
  }

  @Test
  void plaintextMeshctlAgainstTheTlsServerFails() {
    Result r =
        meshctl(
            "health", "--target", "127.0.0.1:" + running.ticketPort(), "--timeout-seconds", "10");
    assertThat(r.exit()).isEqualTo(7);
    assertThat(r.err()).startsWith("meshctl: UNAVAILABLE").doesNotContain("\tat ");
  }

  @Test
  void unreadableCaFileIsAOneLineUsageError() {
    Result r =
        meshctl(
            "health",
            "--target",
            "127.0.0.1:" + running.ticketPort(),
            "--ca-file",
            "no/such/ca.pem");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("meshctl: --ca-file no/such/ca.pem: no such readable file");
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
