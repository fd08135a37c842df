package io.meshdesk.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.config.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrpcServerTlsTest {

  @TempDir static Path dir;
  static ThrowawayPki pki;
  static Path ca;
  static Path otherCa;
  static Path[] server;
  static Path[] client;

  @BeforeAll
  static void pki() throws Exception {
    pki = new ThrowawayPki(dir);
    ca = pki.ca("ca");
    otherCa = pki.ca("other-ca");
    server = pki.issue("ca", "server");
    client = pki.issue("ca", "client");
  }

  @Test
  void clientTrustingTheServersCaGetsAnAnswer() {
    try (GrpcServer s = start(TlsConfig.server(server[0], server[1], ca))) {
      assertThat(check(s, TlsConfig.server(client[0], client[1], ca).caFile().orElseThrow(), null))
          .isNotNull();
    }
  }

  @Test
  void tlsServerRefusesAPlaintextClient() {
    try (GrpcServer s = start(TlsConfig.server(server[0], server[1], ca))) {
      ManagedChannel ch =
          GrpcChannels.forTarget("localhost:" + s.port(), TlsConfig.plaintext()).build();
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
    TlsConfig mtls =
        TlsConfig.server(server[0], server[1], ca).withClientAuth(TlsConfig.ClientAuth.REQUIRE, ca);
    try (GrpcServer s = start(mtls)) {
      assertThatThrownBy(() -> check(s, ca, null)).isInstanceOf(StatusRuntimeException.class);
      assertThat(check(s, ca, mtls)).isNotNull();
    }
  }

  @Test
  void aServerRequiringClientCertificatesPresentsItsOwnWhenItCallsOtherServers() {
    TlsConfig mtls =
        TlsConfig.server(server[0], server[1], ca).withClientAuth(TlsConfig.ClientAuth.REQUIRE, ca);
    try (GrpcServer s = start(mtls)) {
      ManagedChannel ch = GrpcChannels.forTarget("localhost:" + s.port(), mtls).build();
      try {
        assertThat(health(ch)).isNotNull();
      } finally {
        ch.shutdownNow();
      }
    }
  }

  @Test
  void healthPortAnswersHealthInPlaintextAndRefusesEveryOtherService() {
    GrpcConfig config =
        GrpcConfig.loopback().withTls(TlsConfig.server(server[0], server[1], ca)).withHealthPort(0);
    try (GrpcServer s =
        GrpcServer.builder("health-port", config).addService(ECHO).build().start()) {
      assertThat(echo("localhost:" + s.port(), TlsConfig.client(ca))).isNotNull();
      assertThat(s.healthPort()).isPositive().isNotEqualTo(s.port());
      ManagedChannel ch =
          GrpcChannels.forTarget("localhost:" + s.healthPort(), TlsConfig.plaintext()).build();
      try {
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(health(ch).getStatus())
                        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING));
      } finally {
        ch.shutdownNow();
      }
      assertThatThrownBy(() -> echo("localhost:" + s.healthPort(), TlsConfig.plaintext()))
          .isInstanceOf(StatusRuntimeException.class)
          .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
          .isEqualTo(Status.Code.UNIMPLEMENTED);
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

  /** A one-method application service standing in for the servers' own. */
  private static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> ECHO_METHOD =
      MethodDescriptor.<HealthCheckRequest, HealthCheckResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("meshdesk.test.Echo/Echo")
          .setRequestMarshaller(ProtoUtils.marshaller(HealthCheckRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
          .build();

  private static final ServerServiceDefinition ECHO =
      ServerServiceDefinition.builder("meshdesk.test.Echo")
          .addMethod(
              ECHO_METHOD,
              ServerCalls.asyncUnaryCall(
                  (req, out) -> {
                    out.onNext(HealthCheckResponse.getDefaultInstance());
                    out.onCompleted();
                  }))
          .build();

  private static HealthCheckResponse echo(String target, TlsConfig tls) {
    ManagedChannel ch = GrpcChannels.forTarget(target, tls).build();
    try {
      return ClientCalls.blockingUnaryCall(
          ch,
          ECHO_METHOD,
          CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
          HealthCheckRequest.getDefaultInstance());
    } finally {
      ch.shutdownNow();
    }
  }

  private static GrpcServer start(TlsConfig tls) {
    return GrpcServer.builder("tls-test", GrpcConfig.loopback()).tls(tls).build().start();
  }

  /**
   * A health check over a fresh channel trusting {@code trust}, presenting {@code identity}'s cert
   * if given.
   */
  private static HealthCheckResponse check(GrpcServer s, Path trust, TlsConfig identity) {
    TlsConfig clientTls =
        identity == null
            ? TlsConfig.client(trust)
            : TlsConfig.client(trust).withClientCertificate(client[0], client[1]);
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
