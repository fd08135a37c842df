package io.meshdesk.platform.grpc;

import io.meshdesk.platform.config.ConfigException;
import io.meshdesk.platform.config.Env;
import java.time.Duration;

/**
 * How a server protects itself from more work than it can do: an adaptive limit on concurrent unary
 * calls (streams are not counted), a floor on the deadline a call must still have to be started,
 * and netty's per-connection cap on concurrent calls.
 *
 * @param enabled whether unary calls are limited at all ({@code MESHDESK_OVERLOAD_ENABLED}, default
 *     true)
 * @param initialLimit concurrent unary calls allowed at start ({@code
 *     MESHDESK_OVERLOAD_INITIAL_LIMIT}, 24)
 * @param minLimit the limit never goes below this ({@code MESHDESK_OVERLOAD_MIN_LIMIT}, 12: fewer
 *     concurrent calls than the pool has connections never queue inside the server)
 * @param maxLimit nor above this ({@code MESHDESK_OVERLOAD_MAX_LIMIT}, 96)
 * @param latencyTolerance how far the average latency may rise above the best recent latency before
 *     the limit shrinks ({@code MESHDESK_OVERLOAD_LATENCY_TOLERANCE}, 2.0)
 * @param latencyObjective a window of calls averaging more than this always shrinks the limit
 *     ({@code MESHDESK_OVERLOAD_LATENCY_OBJECTIVE}, 50ms)
 * @param minDeadline a call with less time than this left is refused before it starts ({@code
 *     MESHDESK_OVERLOAD_MIN_DEADLINE}, 5ms)
 * @param retryPushback the delay suggested to refused clients in {@code grpc-retry-pushback-ms}
 *     ({@code MESHDESK_OVERLOAD_RETRY_PUSHBACK}, 50ms; jittered up to twice that)
 * @param maxCallsPerConnection concurrent calls one HTTP/2 connection may carry ({@code
 *     MESHDESK_GRPC_MAX_CALLS_PER_CONNECTION}, 1000; streams count too, and a client with more
 *     opens more connections, as Envoy's upstream pool does)
 */
public record OverloadConfig(
    boolean enabled,
    int initialLimit,
    int minLimit,
    int maxLimit,
    double latencyTolerance,
    Duration latencyObjective,
    Duration minDeadline,
    Duration retryPushback,
    int maxCallsPerConnection) {

  public OverloadConfig {
    if (minLimit < 1 || initialLimit < minLimit || maxLimit < initialLimit) {
      throw new ConfigException(
          "MESHDESK_OVERLOAD_*_LIMIT",
          "need 1 <= min <= initial <= max, got "
              + minLimit
              + " / "
              + initialLimit
              + " / "
              + maxLimit);
    }
    if (latencyTolerance < 1.0) {
      throw new ConfigException("MESHDESK_OVERLOAD_LATENCY_TOLERANCE", "must be at least 1.0");
    }
  }

  /** The defaults documented above. */
  public static OverloadConfig defaults() {
    return new OverloadConfig(
        true,
        24,
        12,
        96,
        2.0,
        Duration.ofMillis(50),
        Duration.ofMillis(5),
        Duration.ofMillis(50),
        1000);
  }

  /** Reads {@code MESHDESK_OVERLOAD_*} and {@code MESHDESK_GRPC_MAX_CALLS_PER_CONNECTION}. */
  public static OverloadConfig fromEnv(Env env) {
    OverloadConfig d = defaults();
    return new OverloadConfig(
        env.bool("MESHDESK_OVERLOAD_ENABLED", d.enabled()),
        env.integer("MESHDESK_OVERLOAD_INITIAL_LIMIT", d.initialLimit(), 1, 10_000),
        env.integer("MESHDESK_OVERLOAD_MIN_LIMIT", d.minLimit(), 1, 10_000),
        env.integer("MESHDESK_OVERLOAD_MAX_LIMIT", d.maxLimit(), 1, 10_000),
        Double.parseDouble(
            env.string(
                "MESHDESK_OVERLOAD_LATENCY_TOLERANCE", Double.toString(d.latencyTolerance()))),
        env.duration("MESHDESK_OVERLOAD_LATENCY_OBJECTIVE", d.latencyObjective()),
        env.duration("MESHDESK_OVERLOAD_MIN_DEADLINE", d.minDeadline()),
        env.duration("MESHDESK_OVERLOAD_RETRY_PUSHBACK", d.retryPushback()),
        env.integer(
            "MESHDESK_GRPC_MAX_CALLS_PER_CONNECTION", d.maxCallsPerConnection(), 1, 100_000));
  }

  /** A fixed limit of {@code n} concurrent unary calls (tests). */
  public static OverloadConfig fixed(int n) {
    OverloadConfig d = defaults();
    return new OverloadConfig(
        true,
        n,
        n,
        n,
        d.latencyTolerance(),
        d.latencyObjective(),
        d.minDeadline(),
        d.retryPushback(),
        d.maxCallsPerConnection());
  }

  /** No limit on concurrent calls (deadline floor still applies). */
  public static OverloadConfig unlimited() {
    OverloadConfig d = defaults();
    return new OverloadConfig(
        false,
        d.initialLimit(),
        d.minLimit(),
        d.maxLimit(),
        d.latencyTolerance(),
        d.latencyObjective(),
        d.minDeadline(),
        d.retryPushback(),
        d.maxCallsPerConnection());
  }
}
