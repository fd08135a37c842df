import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";

/** The server's `grpc-retry-pushback-ms` on a call it refused for overload, or undefined. */
export function pushbackMs(e: unknown): number | undefined {
  if (!(e instanceof ConnectError) || e.code !== Code.ResourceExhausted) return undefined;
  const v = e.metadata.get("grpc-retry-pushback-ms");
  if (v === null) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Retries a unary call the server refused at admission (RESOURCE_EXHAUSTED with a pushback), after
 * the delay it asked for, at most `maxRetries` times. A refused call never ran, so retrying writes
 * nothing twice; streams reconnect on their own backoff instead.
 */
export function pushbackRetry(
  maxRetries = 2,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Interceptor {
  return (next) => async (req) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await next(req);
      } catch (e) {
        const wait = pushbackMs(e);
        if (req.stream || wait === undefined || attempt >= maxRetries) throw e;
        await sleep(wait);
      }
    }
  };
}
