package io.meshdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.embedded.EmbeddedRedisServer;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.platform.grpc.RequestLoggingInterceptor;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.echo.v1.EchoRequest;
import io.meshdesk.testing.echo.v1.EchoResponse;
import io.meshdesk.testing.echo.v1.EchoServiceGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server bootstrap against real PostgreSQL and Redis, over a real loopback connection. */
class GrpcServerIT {

  private static Database database;
  private static Redis redis;

  private EchoServiceImpl echo;
  private GrpcServer server;
  private ManagedChannel channel;

  @BeforeAll
  static void infrastructure() {
    TestEnvironment env = TestEnvironment.get();
    database = new Database(env.newDatabase("grpcserver"), "test");
    redis = new Redis(env.newRedis("grpcserver"));
  }

  @AfterAll
  static void closeInfrastructure() {
    redis.close();
    database.close();
  }

  @BeforeEach
  void startServer() {
    echo = new EchoServiceImpl();
    server =
        GrpcServer.builder("echo-server", GrpcConfig.loopback().withPort(0, 0))
            .addService(echo)
            .addHealthCheck(database.healthCheck())
            .addHealthCheck(redis.healthCheck())
            .healthInterval(Duration.ofMillis(200))
            .build()
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  private ServingStatus health(String service) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  @Test
  void reportsServingOverARealClientWhenDependenciesAreUp() {
    assertThat(health("")).isEqualTo(ServingStatus.SERVING);
    assertThat(health("meshdesk.testing.v1.EchoService")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void reflectionV1AndV1alphaListTheServices() throws Exception {
    List<String> v1 = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse r) {
                    r.getListServicesResponse().getServiceList().forEach(s -> v1.add(s.getName()));
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.countDown();
                  }

                  @Override
                  public void onCompleted() {
                    done.countDown();
                  }
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(v1).contains("meshdesk.testing.v1.EchoService", "grpc.health.v1.Health");

    List<String> v1alpha = new ArrayList<>();
    CountDownLatch doneAlpha = new CountDownLatch(1);
    var alphaRequests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(io.grpc.reflection.v1alpha.ServerReflectionResponse r) {
                    r.getListServicesResponse()
                        .getServiceList()
                        .forEach(s -> v1alpha.add(s.getName()));
                  }

                  @Override
                  public void onError(Throwable t) {
                    doneAlpha.countDown();
                  }

                  @Override
                  public void onCompleted() {
                    doneAlpha.countDown();
                  }
                });
    alphaRequests.onNext(
        io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
            .setListServices("")
            .build());
    alphaRequests.onCompleted();
    assertThat(doneAlpha.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(v1alpha).contains("meshdesk.testing.v1.EchoService");
  }

  private static final io.grpc.MethodDescriptor.Marshaller<byte[]> BYTES =
      new io.grpc.MethodDescriptor.Marshaller<>() {
        @Override
        public java.io.InputStream stream(byte[] value) {
          return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(java.io.InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      };

  @Test
  void requestBytesThatDoNotParseAreAnsweredInvalidArgument() {
    io.grpc.MethodDescriptor<?, ?> unary =
        server.services().getFirst().getMethods().stream()
            .map(io.grpc.ServerMethodDefinition::getMethodDescriptor)
            .filter(m -> m.getType() == io.grpc.MethodDescriptor.MethodType.UNARY)
            .findFirst()
            .orElseThrow();
    var raw = unary.toBuilder(BYTES, BYTES).build();
    // a truncated varint, a length past the end, an end-group wire type
    for (byte[] bad : new byte[][] {{0x08, (byte) 0xff}, {0x0a, 0x7f, 0x41}, {0x0c}}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  io.grpc.stub.ClientCalls.blockingUnaryCall(
                      channel,
                      raw,
                      io.grpc.CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                      bad))
          .isInstanceOfSatisfying(
              io.grpc.StatusRuntimeException.class,
              e ->
                  assertThat(e.getStatus().getCode())
                      .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT));
    }
    assertThat(health("")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void reflectionSwitchedOffIsNotServed() throws Exception {
    try (GrpcServer quiet =
        GrpcServer.builder("quiet", GrpcConfig.loopback())
            .addService(new EchoServiceImpl())
            .reflection(false)
            .build()
            .start()) {
      ManagedChannel ch =
          NettyChannelBuilder.forAddress("127.0.0.1", quiet.port()).usePlaintext().build();
      try {
        java.util.concurrent.CompletableFuture<Throwable> failure =
            new java.util.concurrent.CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests =
            ServerReflectionGrpc.newStub(ch)
                .serverReflectionInfo(
                    new StreamObserver<>() {
                      @Override
                      public void onNext(ServerReflectionResponse r) {
                        failure.complete(null);
                      }

                      @Override
                      public void onError(Throwable t) {
                        failure.complete(t);
                      }

                      @Override
                      public void onCompleted() {
                        failure.complete(null);
                      }
                    });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        assertThat(failure.get(5, TimeUnit.SECONDS))
            .isInstanceOfSatisfying(
                io.grpc.StatusRuntimeException.class,
                e ->
                    assertThat(e.getStatus().getCode())
                        .isEqualTo(io.grpc.Status.Code.UNIMPLEMENTED));
      } finally {
        ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void healthTurnsNotServingWhileRedisIsDownAndBackWhenItReturns() {
    EmbeddedRedisServer redisServer = TestEnvironment.get().embeddedRedis().orElseThrow();
    await().atMost(Duration.ofSeconds(10)).until(() -> health("") == ServingStatus.SERVING);
    redisServer.stop();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> health("") == ServingStatus.NOT_SERVING);
      assertThat(health("meshdesk.testing.v1.EchoService")).isEqualTo(ServingStatus.NOT_SERVING);
    } finally {
      redisServer.startAgain();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> health("") == ServingStatus.SERVING);
  }

  @Test
  void invalidRequestGetsInvalidArgumentNamingTheFieldAndNeverReachesTheService() {
    var stub = EchoServiceGrpc.newBlockingStub(channel);
    assertThatThrownBy(() -> stub.echo(EchoRequest.newBuilder().setText("").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("text");
              BadRequest details = detail(e, BadRequest.class);
              assertThat(details.getFieldViolationsList())
                  .extracting(BadRequest.FieldViolation::getField)
                  .containsExactly("text");
            });
    assertThatThrownBy(
            () -> stub.echo(EchoRequest.newBuilder().setText("ok").setDelayMillis(-5).build()))
        .hasMessageContaining("delay_millis");
    assertThat(echo.handled).hasValue(0);
  }

  @Test
  void domainExceptionsMapToTheirStatusAndInternalFailuresLeakNothing() {
    var stub = EchoServiceGrpc.newBlockingStub(channel);
    assertThatThrownBy(() -> stub.echo(req("a", "not_found")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> stub.echo(req("a", "precondition")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("INSUFFICIENT_CREDIT");
            });
    assertThatThrownBy(() -> stub.echo(req("a", "conflict")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
              assertThat(detail(e, ErrorInfo.class).getMetadataMap())
                  .containsEntry("current_version", "7");
            });
    assertThatThrownBy(() -> stub.echo(req("a", "boom")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription()).doesNotContain("secret");
            });
  }

  @Test
  void echoesTheCallersRequestId() {
    Metadata headers = new Metadata();
    headers.put(RequestLoggingInterceptor.REQUEST_ID_HEADER, "req-12345");
    AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
    var stub =
        EchoServiceGrpc.newBlockingStub(
            ClientInterceptors.intercept(
                channel,
                MetadataUtils.newAttachHeadersInterceptor(headers),
                MetadataUtils.newCaptureMetadataInterceptor(
                    responseHeaders, new AtomicReference<>())));
    assertThat(stub.echo(req("hi", "")).getText()).isEqualTo("hi");
    assertThat(responseHeaders.get().get(RequestLoggingInterceptor.REQUEST_ID_HEADER))
        .isEqualTo("req-12345");
  }

  @Test
  void shutdownLetsAnInFlightCallFinishAndRefusesNewOnes() throws Exception {
    echo.entered = new CountDownLatch(1);
    CompletableFuture<EchoResponse> inFlight =
        CompletableFuture.supplyAsync(
            () ->
                EchoServiceGrpc.newBlockingStub(channel)
                    .echo(EchoRequest.newBuilder().setText("slow").setDelayMillis(1500).build()));
    assertThat(echo.entered.await(5, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () ->
                            EchoServiceGrpc.newBlockingStub(channel)
                                .withDeadlineAfter(2, TimeUnit.SECONDS)
                                .echo(req("new", "")))
                    .isInstanceOf(StatusRuntimeException.class));

    assertThat(inFlight.get(10, TimeUnit.SECONDS).getText()).isEqualTo("slow");
    stopping.get(10, TimeUnit.SECONDS);
  }

  @Test
  void exposesGrpcMetricsForPrometheus() throws Exception {
    EchoServiceGrpc.newBlockingStub(channel).echo(req("m", ""));
    HttpResponse<String> scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("grpc_server_processing_duration_seconds")
        .contains("meshdesk.testing.v1.EchoService");
  }

  private static EchoRequest req(String text, String failWith) {
    return EchoRequest.newBuilder().setText(text).setFailWith(failWith).build();
  }

  private static <T extends com.google.protobuf.Message> T detail(
      StatusRuntimeException e, Class<T> type) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).isNotNull();
    return status.getDetailsList().stream()
        .filter(a -> a.is(type))
        .map(
            a -> {
              try {
                return a.unpack(type);
              } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                throw new AssertionError(ex);
              }
            })
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + status));
  }
}
