package io.meshdesk.cli.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fast loopback webhook receiver for benchmarks: answers 200 at once, counts requests per
 * Idempotency-Key (repeats are duplicates) and records each delivery's lag from its due time at
 * first receipt.
 */
final class BenchWebhookReceiver implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final LatencyStats lag;
  private volatile long lastFirstReceiptNanos;

  BenchWebhookReceiver(LatencyStats lag) {
    this.lag = lag;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
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
          requests.increment();
          String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
          AtomicInteger n = seen.computeIfAbsent(key, k -> new AtomicInteger());
          if (n.incrementAndGet() == 1) {
            Instant due = dueAt(new String(body, StandardCharsets.UTF_8));
            if (due != null) {
              lag.record(
                  Math.max(0, (System.currentTimeMillis() - due.toEpochMilli())) * 1_000_000L);
            }
            lastFirstReceiptNanos = System.nanoTime();
          }
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
  }

  private static Instant dueAt(String json) {
    int i = json.indexOf("\"due_at\":\"");
    if (i < 0) {
      return null;
    }
    int start = i + 10;
    return Instant.parse(json.substring(start, json.indexOf('"', start)));
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Distinct deliveries received. */
  int distinct() {
    return seen.size();
  }

  /** Requests beyond the first per delivery id. */
  long duplicates() {
    return requests.sum() - seen.size();
  }

  /** When the latest new delivery arrived ({@link System#nanoTime()}). */
  long lastFirstReceiptNanos() {
    return lastFirstReceiptNanos;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
