import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { SubscribeResponseSchema, TicketEventSchema, type SubscribeResponse } from "./gen/meshdesk/ticket/v1/ticket_pb.js";
import type { Api } from "./api.js";
import { LiveStream, type Connection } from "./stream.js";

const event = (sequence: bigint) =>
  create(SubscribeResponseSchema, { event: create(TicketEventSchema, { sequence, ticketId: `t${sequence}` }) });
const caughtUp = (sequence: bigint) =>
  create(SubscribeResponseSchema, { event: create(TicketEventSchema, { sequence, payload: { case: "caughtUp", value: {} } }) });

/** A fake Subscribe: each call plays the next script; a script ending in an error throws it. */
function fakeApi(scripts: Array<Array<SubscribeResponse | Error>>, asked: Array<bigint | undefined>): Api {
  let call = 0;
  return {
    tickets: {
      subscribe: (req: { afterSequence?: bigint }, opts: { signal: AbortSignal }) => {
        asked.push(req.afterSequence);
        const script = scripts[call++] ?? [];
        return (async function* () {
          for (const step of script) {
            await Promise.resolve();
            if (step instanceof Error) throw step;
            yield step;
          }
          await new Promise((_, reject) => opts.signal.addEventListener("abort", () => reject(new Error("aborted"))));
        })();
      },
    },
  } as unknown as Api;
}

describe("live stream", () => {
  it("is live only once the server says it caught up, not at the first replayed event", async () => {
    const states: Connection[] = [];
    const seen: Array<[bigint, Connection]> = [];
    let stream: LiveStream | undefined;
    stream = new LiveStream(fakeApi([[event(1n), event(2n), caughtUp(2n)]], []), {
      filter: {},
      resumeAfter: () => 0n,
      onEvent: (e) => seen.push([e.sequence, stream!.state]),
      onState: (s) => states.push(s),
    }).start();
    await expect.poll(() => states).toEqual(["live"]);
    expect(seen).toEqual([[1n, "connecting"], [2n, "connecting"]]);
    stream.stop();
  });

  it("refreshes the token when the server ends the stream as unauthenticated and resumes after the last event", async () => {
    const asked: Array<bigint | undefined> = [];
    const applied: bigint[] = [];
    let refreshes = 0;
    let last = 0n;
    const expired = new ConnectError("token expired; refresh it and resume the stream", Code.Unauthenticated);
    const stream = new LiveStream(fakeApi([[event(1n), caughtUp(1n), event(2n), expired], [caughtUp(2n), event(3n)]], asked), {
      filter: {},
      resumeAfter: () => last,
      onEvent: (e) => { applied.push(e.sequence); last = e.sequence; },
      refreshToken: async () => { refreshes++; return true; },
    }).start();
    await expect.poll(() => applied).toEqual([1n, 2n, 3n]);
    expect(asked).toEqual([0n, 2n]);
    expect(refreshes).toBe(1);
    expect(stream.state).toBe("live");
    stream.stop();
  });

  it("goes offline when the token cannot be refreshed", async () => {
    const states: Connection[] = [];
    const denied = new ConnectError("your access changed", Code.Unauthenticated);
    new LiveStream(fakeApi([[caughtUp(0n), denied]], []), {
      filter: {},
      resumeAfter: () => undefined,
      onEvent: () => undefined,
      onState: (s) => states.push(s),
      refreshToken: async () => false,
    }).start();
    await expect.poll(() => states).toEqual(["live", "offline"]);
  });
});
