package io.meshdesk.dist.topology;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A browser's view of the API: grpc-web (binary frames over HTTP/1.1 POST, status in the trailer
 * frame or in the headers of a trailers-only answer), as the console's client speaks it to Envoy or
 * the bridge. Unary and server-streaming calls; anything but status OK comes back as that {@link
 * Status}.
 */
final class GrpcWebClient implements AutoCloseable {

  private static final int TRAILER_FLAG = 0x80;

  private final HttpClient http;
  private final String base;

  /**
   * A client of the bridge at {@code 127.0.0.1:port}: HTTPS verifying it against {@code tls}'s CA,
   * or plain HTTP when TLS is off.
   */
  GrpcWebClient(int port, TopologyTls tls) throws Exception {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (tls.on()) {
      b.sslContext(tls.sslContext());
    }
    this.http = b.build();
    this.base = tls.webScheme() + "://127.0.0.1:" + port + "/";
  }

  /** Calls a unary method; throws the call's status unless it is OK. */
  <T> T unary(
      String fullMethod, String token, MessageLite request, Parser<T> parser, Duration timeout) {
    Object[] answer = new Object[1];
    Status status =
        call(fullMethod, token, request, timeout, bytes -> answer[0] = parse(parser, bytes));
    if (!status.isOk()) {
      throw status.asRuntimeException();
    }
    @SuppressWarnings("unchecked")
    T t = (T) answer[0];
    return t;
  }

  /**
   * Calls a server-streaming method, handing each message to {@code onMessage}; blocks until it
   * ends.
   */
  <T> Status stream(
      String fullMethod,
      String token,
      MessageLite request,
      Parser<T> parser,
      Consumer<T> onMessage) {
    return call(fullMethod, token, request, null, bytes -> onMessage.accept(parse(parser, bytes)));
  }

  private Status call(
      String fullMethod,
      String token,
      MessageLite request,
      Duration timeout,
      Consumer<byte[]> onMessage) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(base + fullMethod))
            .header("content-type", "application/grpc-web+proto")
            .header("x-grpc-web", "1")
            .header("authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(frame(request.toByteArray())));
    if (timeout != null) {
      req.timeout(timeout).header("grpc-timeout", timeout.toMillis() + "m");
    }
    try {
      HttpResponse<InputStream> res =
          http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = res.body()) {
        var headerStatus = res.headers().firstValue("grpc-status");
        if (headerStatus.isPresent()) {
          return status(headerStatus.get(), res.headers().firstValue("grpc-message").orElse(""));
        }
        if (res.statusCode() != 200) {
          return Status.UNAVAILABLE.withDescription(
              "grpc-web bridge answered HTTP " + res.statusCode());
        }
        return readFrames(new DataInputStream(body), onMessage);
      }
    } catch (IOException e) {
      return Status.UNAVAILABLE.withDescription("grpc-web: " + e).withCause(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Status.CANCELLED.withCause(e);
    }
  }

  private static Status readFrames(DataInputStream in, Consumer<byte[]> onMessage)
      throws IOException {
    while (true) {
      int flag;
      byte[] payload;
      try {
        flag = in.readUnsignedByte();
        payload = new byte[in.readInt()];
        in.readFully(payload);
      } catch (EOFException e) {
        return Status.UNAVAILABLE.withDescription("grpc-web response ended without trailers");
      }
      if ((flag & TRAILER_FLAG) == 0) {
        onMessage.accept(payload);
        continue;
      }
      String code = "2";
      String message = "";
      for (String line : new String(payload, StandardCharsets.US_ASCII).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String name = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
          if (name.equals("grpc-status")) {
            code = line.substring(colon + 1).trim();
          } else if (name.equals("grpc-message")) {
            message = line.substring(colon + 1).trim();
          }
        }
      }
      return status(code, message);
    }
  }

  private static Status status(String code, String message) {
    return Status.fromCodeValue(Integer.parseInt(code.trim())).withDescription(message);
  }

  private static byte[] frame(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 5);
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(message.length).array());
    out.writeBytes(message);
    return out.toByteArray();
  }

  private static <T> T parse(Parser<T> parser, byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("grpc-web message did not parse", e);
    }
  }

  /** Ends every call in flight (their streams end with UNAVAILABLE or CANCELLED). */
  @Override
  public void close() {
    http.shutdownNow();
  }
}
