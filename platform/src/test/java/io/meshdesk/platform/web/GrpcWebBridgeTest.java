package io.meshdesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.grpc.GrpcServer;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grpc-web through the bridge to a real native gRPC server (its health service): unary and server
 * streaming, CORS for the console's dev origin, and the console's static files.
 */
class GrpcWebBridgeTest {

  private static final String ORIGIN = "http://localhost:5173";
  private static final byte[] EMPTY_MESSAGE_FRAME = {0, 0, 0, 0, 0};

  @TempDir static Path consoleDir;
  private static GrpcServer native_;
  private static GrpcWebBridge bridge;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(consoleDir.resolve("index.html"), "<div id=\"app\"></div>");
    native_ = GrpcServer.builder("native", GrpcConfig.loopback()).build().start();
    bridge =
        GrpcWebBridge.startForwarding(
            GrpcWebConfig.loopback(0, Optional.of(consoleDir)),
            List.of(
                new GrpcWebBridge.Upstream(
                    "127.0.0.1", native_.port(), List.of(HealthGrpc.getServiceDescriptor()))));
  }

  @AfterAll
  static void stop() {
    bridge.close();
    native_.close();
  }

  private static HttpRequest.Builder grpcWeb(String method) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + bridge.port() + "/grpc.health.v1.Health/" + method))
        .header("content-type", "application/grpc-web+proto")
        .header("x-grpc-web", "1")
        .header("origin", ORIGIN)
        .POST(HttpRequest.BodyPublishers.ofByteArray(EMPTY_MESSAGE_FRAME));
  }

  /** Reads one grpc-web frame: flag byte, length, payload. */
  private static byte[] frame(DataInputStream in, int expectedFlag) throws Exception {
    int flag = in.readUnsignedByte();
    assertThat(flag).isEqualTo(expectedFlag);
    byte[] payload = new byte[in.readInt()];
    in.readFully(payload);
    return payload;
  }

  @Test
  void relaysAUnaryCallWithStatusTrailersReadableByTheBrowser() throws Exception {
    HttpResponse<byte[]> res =
        http.send(grpcWeb("Check").build(), HttpResponse.BodyHandlers.ofByteArray());

    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(res.body()));
    HealthCheckResponse answer = HealthCheckResponse.parseFrom(frame(in, 0));
    String trailers = new String(frame(in, 0x80), StandardCharsets.US_ASCII);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(answer.getStatus()).isEqualTo(ServingStatus.SERVING);
    assertThat(trailers).contains("grpc-status: 0").doesNotContain("grpc-status: 0\r\ngrpc-status");
    assertThat(res.headers().firstValue("access-control-allow-origin")).contains(ORIGIN);
    assertThat(res.headers().firstValue("access-control-expose-headers").orElse(""))
        .contains("grpc-status", "grpc-message", "grpc-status-details-bin");
  }

  @Test
  void relaysServerStreamingMessagesAsTheyArrive() throws Exception {
    HttpResponse<InputStream> res =
        http.send(grpcWeb("Watch").build(), HttpResponse.BodyHandlers.ofInputStream());

    try (InputStream body = res.body()) {
      HealthCheckResponse first =
          HealthCheckResponse.parseFrom(frame(new DataInputStream(body), 0));
      assertThat(first.getStatus()).isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void unknownServicesAreNotAnsweredWithTheConsolePage() throws Exception {
    HttpResponse<byte[]> res =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bridge.port() + "/meshdesk.nope.v1.Nope/Call"))
                .header("content-type", "application/grpc-web+proto")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EMPTY_MESSAGE_FRAME))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(res.statusCode()).isIn(404, 405);
    assertThat(new String(res.body(), StandardCharsets.UTF_8)).doesNotContain("id=\"app\"");
  }

  @Test
  void answersTheConsolePreflight() throws Exception {
    HttpResponse<Void> res =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + bridge.port() + "/grpc.health.v1.Health/Check"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", ORIGIN)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "content-type,x-grpc-web,authorization")
                .build(),
            HttpResponse.BodyHandlers.discarding());

    assertThat(res.headers().firstValue("access-control-allow-origin")).contains(ORIGIN);
    assertThat(res.headers().firstValue("access-control-allow-headers").orElse(""))
        .contains("authorization");
  }

  @Test
  void servesTheConsoleAndFallsBackToIndexForDeepLinks() throws Exception {
    for (String path : List.of("/", "/index.html", "/ticket/123")) {
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(res.body()).as(path).contains("<div id=\"app\">");
    }
  }
}
