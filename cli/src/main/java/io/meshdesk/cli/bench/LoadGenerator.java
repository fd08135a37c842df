package io.meshdesk.cli.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one operation either at a fixed rate (open model: latency counts from the moment the
 * operation was due, so a stalled server cannot hide its queueing; no coordinated omission) or as
 * fast as {@code concurrency} workers can go (closed model; a worker refused with a retry pushback
 * waits that long before its next call, as a well-behaved client does). Neither retries: a refusal
 * is counted apart, by its status, never folded into a latency.
 */
public final class LoadGenerator {

  /** One operation; throws on failure. */
  @FunctionalInterface
  public interface Operation {
    void run(long sequence) throws Exception;
  }

  private LoadGenerator() {}

  /** Runs {@code op} at {@code ratePerSecond} for {@code duration}; waits for stragglers. */
  public static void fixedRate(
      Operation op, double ratePerSecond, Duration duration, int maxInFlight, LatencyStats stats)
      throws InterruptedException {
    long intervalNanos = (long) (1e9 / ratePerSecond);
    long total = (long) (duration.toNanos() / (double) intervalNanos);
    Semaphore inFlight = new Semaphore(maxInFlight);
    long start = System.nanoTime();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        if (!inFlight.tryAcquire()) {
          stats.error("client_overloaded");
          continue;
        }
        long seq = i;
        exec.execute(
            () -> {
              try {
                op.run(seq);
                stats.record(System.nanoTime() - due);
              } catch (Exception e) {
                stats.error(kind(e));
              } finally {
                inFlight.release();
              }
            });
      }
      exec.shutdown();
      exec.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /** Runs {@code op} back to back on {@code concurrency} workers for {@code duration}. */
  public static void closedLoop(
      Operation op, int concurrency, Duration duration, LatencyStats stats)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < concurrency; w++) {
        exec.execute(
            () -> {
              while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                try {
                  op.run(seq.getAndIncrement());
                  stats.record(System.nanoTime() - t0);
                } catch (Exception e) {
                  stats.error(kind(e));
                  // A refused worker waits as long as the server asked before its next call.
                  long pushback = pushbackMillis(e);
                  if (pushback > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pushback));
                  }
                }
              }
            });
      }
      exec.shutdown();
      exec.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
    }
  }

  /** The server's {@code grpc-retry-pushback-ms} on a refused call, or 0. */
  public static long pushbackMillis(Throwable e) {
    if (e instanceof io.grpc.StatusRuntimeException sre && sre.getTrailers() != null) {
      String v = sre.getTrailers().get(io.meshdesk.platform.grpc.OverloadInterceptor.PUSHBACK);
      if (v != null) {
        try {
          return Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException ignored) {
          return 0;
        }
      }
    }
    return 0;
  }

  /** A short error kind: the gRPC status code, or the exception's simple name. */
  public static String kind(Throwable e) {
    if (e instanceof io.grpc.StatusRuntimeException sre) {
      return sre.getStatus().getCode().name();
    }
    return e.getClass().getSimpleName();
  }
}
