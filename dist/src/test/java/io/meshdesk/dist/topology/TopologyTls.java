package io.meshdesk.dist.topology;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * The topology's transport security: a throwaway CA and one server certificate for {@code
 * localhost}/{@code 127.0.0.1} (made with the JDK's keytool, PEM files as operators mount them),
 * the {@code MESHDESK_TLS_*} variables every server gets, and client channels that verify servers
 * against the CA. When {@code on} is false the same files exist, but every process is told {@code
 * MESHDESK_TLS_DISABLED=true} and clients speak plaintext.
 */
final class TopologyTls {

  private static final String PASS = "topology-only";

  private final boolean on;
  private final Path ca;
  private final Path cert;
  private final Path key;
  private final Path trust;

  private TopologyTls(boolean on, Path ca, Path cert, Path key, Path trust) {
    this.on = on;
    this.trust = trust;
    this.ca = ca;
    this.cert = cert;
    this.key = key;
  }

  /** Makes the CA and the server certificate under {@code dir}. */
  static TopologyTls create(Path dir, boolean on) throws Exception {
    Path caStore = dir.resolve("ca.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=Topology CA",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        caStore.toString(),
        "-storepass",
        PASS,
        "-storetype",
        "PKCS12");
    Path caPem = dir.resolve("ca.crt");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        caStore.toString(),
        "-storepass",
        PASS,
        "-file",
        caPem.toString());
    Path serverStore = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-validity",
        "2",
        "-keystore",
        serverStore.toString(),
        "-storepass",
        PASS,
        "-storetype",
        "PKCS12");
    Path csr = dir.resolve("server.csr");
    keytool(
        "-certreq",
        "-alias",
        "server",
        "-keystore",
        serverStore.toString(),
        "-storepass",
        PASS,
        "-file",
        csr.toString());
    Path certPem = dir.resolve("tls.crt");
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        caStore.toString(),
        "-storepass",
        PASS,
        "-infile",
        csr.toString(),
        "-outfile",
        certPem.toString(),
        "-validity",
        "2",
        "-ext",
        "san=dns:localhost,ip:127.0.0.1");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(serverStore)) {
      store.load(in, PASS.toCharArray());
    }
    PrivateKey privateKey = (PrivateKey) store.getKey("server", PASS.toCharArray());
    Path keyPem = dir.resolve("tls.key");
    Files.writeString(
        keyPem,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Path trust = dir.resolve("trust.p12");
    keytool(
        "-importcert",
        "-alias",
        "ca",
        "-file",
        caPem.toString(),
        "-keystore",
        trust.toString(),
        "-storepass",
        PASS,
        "-storetype",
        "PKCS12");
    return new TopologyTls(on, caPem, certPem, keyPem, trust);
  }

  /** Whether every hop speaks TLS. */
  boolean on() {
    return on;
  }

  /** The CA certificate clients verify servers against. */
  Path ca() {
    return ca;
  }

  /** The {@code MESHDESK_TLS_*} settings of a server (and of its own clients). */
  Map<String, String> serverEnv() {
    return on
        ? Map.of(
            "MESHDESK_TLS_CERT_FILE",
            cert.toString(),
            "MESHDESK_TLS_KEY_FILE",
            key.toString(),
            "MESHDESK_TLS_CA_FILE",
            ca.toString())
        : Map.of("MESHDESK_TLS_DISABLED", "true");
  }

  /**
   * The environment of a {@code bin/meshctl} run: with TLS, the CA both as {@code
   * MESHDESK_TLS_CA_FILE} and as the JVM's trust store (what {@code --tls} verifies against).
   */
  Map<String, String> meshctlEnv() {
    return on
        ? Map.of(
            "MESHDESK_TLS_CA_FILE",
            ca.toString(),
            "JAVA_OPTS",
            "-XX:TieredStopAtLevel=1 -Djavax.net.ssl.trustStore="
                + trust
                + " -Djavax.net.ssl.trustStorePassword="
                + PASS
                + " -Djavax.net.ssl.trustStoreType=PKCS12")
        : Map.of("MESHDESK_TLS_DISABLED", "true", "JAVA_OPTS", "-XX:TieredStopAtLevel=1");
  }

  /** The arguments that make {@code meshctl} use TLS (none when off). */
  List<String> meshctlArgs() {
    return on ? List.of("--tls") : List.of();
  }

  /**
   * A channel to {@code host:port} that verifies the server against the CA (or plaintext when off).
   */
  ManagedChannel channel(String target) {
    NettyChannelBuilder b = NettyChannelBuilder.forTarget(target);
    if (!on) {
      return b.usePlaintext().build();
    }
    try {
      return b.sslContext(GrpcSslContexts.forClient().trustManager(ca.toFile()).build()).build();
    } catch (SSLException e) {
      throw new IllegalStateException("client TLS context: " + e.getMessage(), e);
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.add("-noprompt");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
    }
  }
}
