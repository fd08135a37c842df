package io.meshdesk.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpcServerTlsTest {

  @TempDir static Path dir;
  static TestPki pki;
  static Path ca;
  static Path otherCa;
  static Path[] server;
  static Path[] client;

  @BeforeAll
  static void pki() throws Exception {
    pki = new TestPki(dir);
    ca = pki.ca("ca");
    otherCa = pki.ca("other-ca");
    server = pki.issue("ca", "server");
    client = pki.issue("ca", "client");
  }

  @Test
  void clientTrustingTheServersCaGetsAnAnswer() {
    try (GrpcServer s = start(TlsConfig.server(server[0], server[1], ca))) {
      assertThat(check(s, TlsConfig.server(client[0], client[1], ca).caFile().orElseThrow(), null)).isNotNull();
    }
  }

  @Test
  void tlsServerRefusesAPlaintextClient() {
    try (GrpcServer s = start(TlsConfig.server(server[0], server[1], ca))) {
      ManagedChannel ch = GrpcChannels.forTarget("localhost:" + s.port(), TlsConfig.plaintext()).build();
      try {
        assertThatThrownBy(() -> health(ch)).isInstanceOf(StatusRuntimeException.class);
      } finally {
        ch.shutdownNow();
      }
    }
  }

  @Test
  void clientWithTheWrongCaFailsVerification() {
    try (GrpcServer s = start(TlsConfig.server(server[0], server[1], ca))) {
      assertThatThrownBy(() -> check(s, otherCa, null))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining("UNAVAILABLE");
    }
  }

  @Test
  void mutualTlsRejectsAClientWithoutACertificateAndAcceptsOneWith() {
    TlsConfig mtls = TlsConfig.server(server[0], server[1], ca).withClientAuth(TlsConfig.ClientAuth.REQUIRE, ca);
    try (GrpcServer s = start(mtls)) {
      assertThatThrownBy(() -> check(s, ca, null)).isInstanceOf(StatusRuntimeException.class);
      assertThat(check(s, ca, mtls)).isNotNull();
    }
  }

  @Test
  void serverWithoutCertificateOrPlaintextOptInRefusesToBuild() {
    TlsConfig none = TlsConfig.fromEnv(new Env(Map.of()));
    assertThatThrownBy(() -> GrpcServer.builder("no-tls", GrpcConfig.loopback()).tls(none).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MESHDESK_TLS_CERT_FILE")
        .hasMessageContaining("MESHDESK_TLS_DISABLED");
  }

  @Test
  void clientWithoutCaOrPlaintextOptInIsRefused() {
    TlsConfig none = TlsConfig.fromEnv(new Env(Map.of()));
    assertThatThrownBy(() -> GrpcChannels.forTarget("localhost:1", none))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MESHDESK_TLS_CA_FILE");
  }

  private static GrpcServer start(TlsConfig tls) {
    return GrpcServer.builder("tls-test", GrpcConfig.loopback()).tls(tls).build().start();
  }

  /** A health check over a fresh channel trusting {@code trust}, presenting {@code identity}'s cert if given. */
  private static HealthCheckResponse check(GrpcServer s, Path trust, TlsConfig identity) {
    TlsConfig clientTls =
        identity == null
            ? new TlsConfig(Optional.empty(), Optional.empty(), Optional.empty(), TlsConfig.ClientAuth.NONE,
                Optional.of(trust), false, Duration.ofMinutes(1))
            : new TlsConfig(Optional.of(client[0]), Optional.of(client[1]), Optional.of(trust),
                TlsConfig.ClientAuth.NONE, Optional.of(trust), false, Duration.ofMinutes(1));
    ManagedChannel ch = GrpcChannels.forTarget("localhost:" + s.port(), clientTls).build();
    try {
      return health(ch);
    } finally {
      ch.shutdownNow();
    }
  }

  private static HealthCheckResponse health(ManagedChannel ch) {
    return HealthGrpc.newBlockingStub(ch)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance());
  }
}
