import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { pushbackMs, pushbackRetry } from "./pushback.js";

function refused(ms: string | undefined, code = Code.ResourceExhausted): ConnectError {
  const metadata = new Headers();
  if (ms !== undefined) metadata.set("grpc-retry-pushback-ms", ms);
  return new ConnectError("overloaded", code, metadata);
}

describe("retry pushback", () => {
  it("reads the hint only from an overload refusal", () => {
    expect(pushbackMs(refused("75"))).toBe(75);
    expect(pushbackMs(refused(undefined))).toBeUndefined();
    expect(pushbackMs(refused("soon"))).toBeUndefined();
    expect(pushbackMs(refused("75", Code.Unavailable))).toBeUndefined();
  });

  it("waits the hinted delay and retries a refused unary call", async () => {
    const waits: number[] = [];
    let calls = 0;
    const interceptor = pushbackRetry(2, async (ms) => { waits.push(ms); });
    const call = interceptor(async () => {
      calls++;
      if (calls === 1) throw refused("120");
      return { ok: true } as never;
    });
    await expect(call({ stream: false } as never)).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(waits).toEqual([120]);
  });

  it("gives up after the retries and never retries without a hint or on a stream", async () => {
    let calls = 0;
    const always = pushbackRetry(2, async () => {})(async () => { calls++; throw refused("1"); });
    await expect(always({ stream: false } as never)).rejects.toThrow("overloaded");
    expect(calls).toBe(3);
    calls = 0;
    const noHint = pushbackRetry(2, async () => {})(async () => { calls++; throw refused(undefined); });
    await expect(noHint({ stream: false } as never)).rejects.toThrow();
    expect(calls).toBe(1);
    calls = 0;
    const stream = pushbackRetry(2, async () => {})(async () => { calls++; throw refused("1"); });
    await expect(stream({ stream: true } as never)).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
