package io.meshdesk.ai.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Gemini REST API on loopback: answers each request with the next scripted
 * {@link Responder} (the last one repeats) and records what it received.
 */
public final class GeminiStub implements AutoCloseable {

  /** One received request. */
  public record Received(
      String method, String path, String query, Map<String, List<String>> headers, String body) {}

  /** Writes one response. */
  @FunctionalInterface
  public interface Responder {
    void respond(HttpExchange exchange, GeminiStub stub) throws IOException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Queue<Responder> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Responder last = status(500, "INTERNAL", "no response scripted");

  public GeminiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Scripts the next responses, in order; the last one keeps answering. */
  public GeminiStub then(Responder... responders) {
    for (Responder r : responders) {
      script.add(r);
    }
    return this;
  }

  /** Forgets the script and what was received (between tests sharing one stub). */
  public void reset() {
    script.clear();
    received.clear();
    last = status(500, "INTERNAL", "no response scripted");
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Vertex AI mode config for project {@code p}, location {@code l}, pointing at this stub. */
  public GeminiConfig vertexConfig(Duration timeout, int maxAttempts) {
    return GeminiConfig.vertex("p", "l").withBaseUrl(baseUrl()).withTimeout(timeout, maxAttempts);
  }

  /** A real google-genai client for {@code config}, with a fixed access token. */
  public com.google.genai.Client client(GeminiConfig config) {
    return GeminiClients.create(
        config, GoogleCredentials.create(new AccessToken("test-token", null)));
  }

  /**
   * A real drafter against this stub, retrying without sleeping; waits are recorded in {@code
   * sleeps}.
   */
  public GeminiDrafter drafter(GeminiConfig config, List<Duration> sleeps) {
    return drafter(config, sleeps, GeminiPrompt::newBoundary);
  }

  /**
   * As {@link #drafter(GeminiConfig, List)}, with each prompt's boundary from {@code boundaries}.
   */
  public GeminiDrafter drafter(
      GeminiConfig config, List<Duration> sleeps, java.util.function.Supplier<String> boundaries) {
    GoogleCredentials credentials = GoogleCredentials.create(new AccessToken("test-token", null));
    return new GeminiDrafter(
        GeminiClients.create(config, credentials),
        config,
        Clock.systemUTC(),
        sleeps::add,
        () -> 0.5,
        boundaries);
  }

  /** Streams {@code modelText} as server-sent events, cut into pieces of {@code pieceLength}. */
  public static Responder sse(String modelText, int pieceLength) {
    List<String> pieces = new ArrayList<>();
    for (int i = 0; i < modelText.length(); i += pieceLength) {
      pieces.add(modelText.substring(i, Math.min(modelText.length(), i + pieceLength)));
    }
    return (ex, stub) -> {
      ex.getResponseHeaders().add("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < pieces.size(); i++) {
          writeEvent(out, chunk(pieces.get(i), i == pieces.size() - 1));
        }
      }
    };
  }

  /** A function call the stub's model makes. */
  public record Call(String name, Map<String, Object> args) {}

  /** Streams one event whose parts are the function calls {@code calls}, in order. */
  public static Responder functionCalls(Call... calls) {
    return (ex, stub) -> {
      ObjectNode root = JSON.createObjectNode();
      ObjectNode candidate = root.putArray("candidates").addObject();
      ObjectNode content = candidate.putObject("content");
      content.put("role", "model");
      var parts = content.putArray("parts");
      for (Call c : calls) {
        ObjectNode call = parts.addObject().putObject("functionCall");
        call.put("name", c.name());
        call.set("args", JSON.valueToTree(c.args()));
      }
      candidate.put("finishReason", "STOP");
      ex.getResponseHeaders().add("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        writeEvent(out, root.toString());
      }
    };
  }

  /** Streams the first {@code pieces} pieces of {@code modelText}, then an error event. */
  public static Responder sseThenError(
      String modelText, int pieceLength, int pieces, int code, String status) {
    return (ex, stub) -> {
      ex.getResponseHeaders().add("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < pieces; i++) {
          writeEvent(
              out, chunk(modelText.substring(i * pieceLength, (i + 1) * pieceLength), false));
        }
        writeEvent(out, errorBody(code, status, "stream interrupted"));
      }
    };
  }

  /**
   * Streams the first {@code pieces} pieces of {@code modelText}, then stops sending (until
   * closed).
   */
  public static Responder sseThenHang(String modelText, int pieceLength, int pieces) {
    return (ex, stub) -> {
      ex.getResponseHeaders().add("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      for (int i = 0; i < pieces; i++) {
        writeEvent(out, chunk(modelText.substring(i * pieceLength, (i + 1) * pieceLength), false));
      }
      hang().respond(ex, stub);
    };
  }

  /** An HTTP error with a Google API error body. */
  public static Responder status(int code, String status, String message) {
    return (ex, stub) -> {
      byte[] body = errorBody(code, status, message).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(code, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    };
  }

  /** Never answers (until the stub is closed). */
  public static Responder hang() {
    return (ex, stub) -> {
      try {
        stub.released.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    };
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            ex.getRequestURI().getQuery(),
            Map.copyOf(ex.getRequestHeaders()),
            body));
    Responder next = script.poll();
    if (next != null) {
      last = next;
    } else {
      next = last;
    }
    try {
      next.respond(ex, this);
    } catch (IOException e) {
      ex.close(); // the client went away (timeout); nothing to answer
    }
  }

  private static void writeEvent(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String chunk(String text, boolean lastOne) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.put("role", "model");
    content.putArray("parts").addObject().put("text", text);
    if (lastOne) {
      candidate.put("finishReason", "STOP");
    }
    return root.toString();
  }

  private static String errorBody(int code, String status, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("code", code).put("message", message).put("status", status);
    return root.toString();
  }
}
