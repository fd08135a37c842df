package io.meshdesk.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.TlsConfig;
import io.meshdesk.platform.web.GrpcWebBridge;
import io.meshdesk.platform.web.GrpcWebConfig;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate renewal without a restart: after the certificate, key or client CA files are
 * replaced, new connections to a running gRPC server and grpc-web bridge see the new ones.
 */
class TlsReloadIT {

  private static final Duration RELOAD = Duration.ofMillis(200);
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;
  ThrowawayPki pki;
  Path ca;
  Path[] served;

  @BeforeEach
  void pki() throws Exception {
    pki = new ThrowawayPki(dir);
    ca = pki.ca("ca");
    Path[] first = pki.issue("ca", "first");
    served = new Path[] {dir.resolve("served.crt.pem"), dir.resolve("served.key.pem")};
    Files.copy(first[0], served[0]);
    Files.copy(first[1], served[1]);
  }

  @Test
  void newConnectionsToAGrpcServerGetTheRenewedCertificateAndCallsSucceed() throws Exception {
    TlsConfig tls = TlsConfig.server(served[0], served[1], ca).withReloadInterval(RELOAD);
    try (GrpcServer s = GrpcServer.builder("reload", GrpcConfig.loopback()).tls(tls).build()) {
      s.start();
      BigInteger before = grpcPeerSerial(s.port());
      assertThat(before).isEqualTo(serial(served[0]));

      BigInteger renewed = renew();

      assertThat(renewed).isNotEqualTo(before);
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(grpcPeerSerial(s.port())).isEqualTo(renewed));
    }
  }

  @Test
  void mutualTlsAcceptsAClientOfANewCaOnceTheClientCaFileIsReplaced() throws Exception {
    Path otherCa = pki.ca("other-ca");
    Path[] outsider = pki.issue("other-ca", "outsider");
    Path clientCa = dir.resolve("client-ca.pem");
    Files.copy(ca, clientCa);
    TlsConfig tls =
        TlsConfig.server(served[0], served[1], ca)
            .withClientAuth(TlsConfig.ClientAuth.REQUIRE, clientCa)
            .withReloadInterval(RELOAD);
    TlsConfig outsiderClient = TlsConfig.client(ca).withClientCertificate(outsider[0], outsider[1]);
    try (GrpcServer s = GrpcServer.builder("reload-mtls", GrpcConfig.loopback()).tls(tls).build()) {
      s.start();
      assertThat(healthOk(s.port(), outsiderClient)).isFalse();

      replace(otherCa, clientCa);

      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> healthOk(s.port(), outsiderClient));
    }
  }

  @Test
  void newConnectionsToTheGrpcWebBridgeGetTheRenewedCertificate() throws Exception {
    TlsConfig tls = TlsConfig.server(served[0], served[1], ca).withReloadInterval(RELOAD);
    try (GrpcWebBridge bridge =
        GrpcWebBridge.start(
            GrpcWebConfig.loopback(0, Optional.empty()).withTls(tls),
            List.of(new HealthStatusManager().getHealthService().bindService()))) {
      BigInteger before = httpsPeerSerial(bridge.port());
      assertThat(before).isEqualTo(serial(served[0]));

      BigInteger renewed = renew();

      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(httpsPeerSerial(bridge.port())).isEqualTo(renewed));
    }
  }

  /** Issues a new pair and moves it over the served files, as a certificate manager would. */
  private BigInteger renew() throws Exception {
    Path[] next = pki.issue("ca", "renewed");
    replace(next[1], served[1]);
    replace(next[0], served[0]);
    return serial(served[0]);
  }

  private static void replace(Path source, Path target) throws Exception {
    Path tmp = Files.copy(source, target.resolveSibling(target.getFileName() + ".tmp"));
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static BigInteger serial(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
          .getSerialNumber();
    }
  }

  /**
   * Serial of the certificate a fresh gRPC channel (verifying against the CA) was shown, read from
   * the TLS session of a health call that must succeed.
   */
  private BigInteger grpcPeerSerial(int port) throws Exception {
    AtomicReference<SSLSession> session = new AtomicReference<>();
    ManagedChannel ch = GrpcChannels.forTarget("localhost:" + port, TlsConfig.client(ca)).build();
    try {
      Channel watched = ClientInterceptors.intercept(ch, new SessionCapture(session));
      HealthGrpc.newBlockingStub(watched)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
    } finally {
      ch.shutdownNow();
    }
    return ((X509Certificate) session.get().getPeerCertificates()[0]).getSerialNumber();
  }

  private static boolean healthOk(int port, TlsConfig client) {
    ManagedChannel ch = GrpcChannels.forTarget("localhost:" + port, client).build();
    try {
      HealthGrpc.newBlockingStub(ch)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
      return true;
    } catch (io.grpc.StatusRuntimeException e) {
      return false;
    } finally {
      ch.shutdownNow();
    }
  }

  /** Serial of the certificate a fresh JDK TLS client (trusting only the CA) was shown. */
  private BigInteger httpsPeerSerial(int port) throws Exception {
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
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  /** Keeps the TLS session of the transport a call ran on. */
  private record SessionCapture(AtomicReference<SSLSession> session) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          ClientCall<Q, R> call = this;
          super.start(
              new SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onHeaders(Metadata h) {
                  session.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                  super.onHeaders(h);
                }
              },
              headers);
        }
      };
    }
  }
}
