package io.meshdesk.reminder;

import com.sun.net.httpserver.HttpServer;
import io.meshdesk.reminder.dispatch.WebhookGateway;
import io.meshdesk.reminder.dispatch.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Test fixture: a loopback HTTP webhook receiver that checks signatures, counts every accepted
 * request per Idempotency-Key (duplicates are counts above one) and can answer 500 for a while.
 */
public final class WebhookReceiver implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, String> signatures = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  /** Requests answered 500 on purpose. */
  public final LongAdder refused = new LongAdder();

  /** Requests whose signature did not verify. */
  public final LongAdder badSignatures = new LongAdder();

  private volatile String secret;

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/hook",
        ex -> {
          byte[] body;
          try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
          }
          String key = ex.getRequestHeaders().getFirst(WebhookGateway.IDEMPOTENCY_HEADER);
          String sig = ex.getRequestHeaders().getFirst(WebhookSignature.HEADER);
          int status;
          if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.increment();
            status = 500;
          } else {
            // Test clocks are fixed in time, so only the MAC is checked here, not the replay
            // window.
            if (secret != null
                && !WebhookSignature.verify(secret, sig, body, signedAt(sig), Duration.ZERO)) {
              badSignatures.increment();
            }
            received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            bodies.put(key, new String(body, java.nio.charset.StandardCharsets.UTF_8));
            if (sig != null) {
              signatures.put(key, sig);
            }
            status = 200;
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
  }

  private static Instant signedAt(String header) {
    if (header != null) {
      for (String part : header.split(",")) {
        if (part.strip().startsWith("t=")) {
          try {
            return Instant.ofEpochSecond(Long.parseLong(part.strip().substring(2)));
          } catch (NumberFormatException e) {
            return Instant.EPOCH;
          }
        }
      }
    }
    return Instant.EPOCH;
  }

  /** The URL to configure in rules (http on loopback; the contract asks https from users). */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Verifies signatures with this secret from now on. */
  public void expectSecret(String s) {
    this.secret = s;
  }

  /** Answers the next {@code n} requests with 500. */
  public void failNext(int n) {
    failuresLeft.set(n);
  }

  /** Distinct delivery ids accepted. */
  public int distinct() {
    return received.size();
  }

  /** Accepted requests beyond the first per delivery id. */
  public int duplicates() {
    return received.values().stream().mapToInt(a -> a.get() - 1).sum();
  }

  /** Accepted requests per delivery id. */
  public Map<String, AtomicInteger> received() {
    return received;
  }

  /** Body of the last accepted request of a delivery. */
  public String body(String deliveryId) {
    return bodies.get(deliveryId);
  }

  /** Signature header of the last accepted request of a delivery. */
  public String signature(String deliveryId) {
    return signatures.get(deliveryId);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
