package io.meshdesk.dist.topology;

import io.grpc.ManagedChannel;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.grpc.GrpcChannels;
import io.meshdesk.platform.grpc.ThrowawayPki;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The topology's transport security: a throwaway CA and one server certificate for {@code
 * localhost}/{@code 127.0.0.1} (PEM files as operators mount them), the {@code MESHDESK_TLS_*}
 * variables every server and {@code bin/meshctl} gets, and clients (gRPC channels, the grpc-web
 * client's HTTPS) that verify servers against the CA. When {@code on} is false the same files
 * exist, but every process is told {@code MESHDESK_TLS_DISABLED=true} and clients speak plaintext.
 */
final class TopologyTls {

  private final boolean on;
  private final Path ca;
  private final Path cert;
  private final Path key;

  private TopologyTls(boolean on, Path ca, Path cert, Path key) {
    this.on = on;
    this.ca = ca;
    this.cert = cert;
    this.key = key;
  }

  /** Makes the CA and the server certificate under {@code dir}. */
  static TopologyTls create(Path dir, boolean on) throws Exception {
    ThrowawayPki pki = new ThrowawayPki(dir);
    Path ca = pki.ca("topology-ca");
    Path[] server = pki.issue("topology-ca", "server");
    return new TopologyTls(on, ca, server[0], server[1]);
  }

  /** Whether every hop speaks TLS. */
  boolean on() {
    return on;
  }

  /**
   * What the processes and in-test clients are told: the server certificate and CA, or the
   * plaintext opt-in.
   */
  TlsConfig config() {
    return on ? TlsConfig.server(cert, key, ca) : TlsConfig.plaintext();
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
   * The environment of a {@code bin/meshctl} run: with TLS only the CA, {@code
   * MESHDESK_TLS_CA_FILE}, which makes meshctl verify servers against it (its {@code --ca-file}
   * default).
   */
  Map<String, String> meshctlEnv() {
    return on
        ? Map.of("MESHDESK_TLS_CA_FILE", ca.toString(), "JAVA_OPTS", "-XX:TieredStopAtLevel=1")
        : Map.of("MESHDESK_TLS_DISABLED", "true", "JAVA_OPTS", "-XX:TieredStopAtLevel=1");
  }

  /**
   * A channel to {@code host:port} that verifies the server against the CA (or plaintext when off),
   * built as the servers build theirs.
   */
  ManagedChannel channel(String target) {
    return GrpcChannels.forTarget(target, config()).build();
  }

  /** {@code https} with TLS, else {@code http}. */
  String webScheme() {
    return on ? "https" : "http";
  }

  /** An SSL context trusting only the CA (for HTTPS to the grpc-web bridges). */
  SSLContext sslContext() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(ca)) {
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
