import { Code, ConnectError } from "@connectrpc/connect";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { EventFilterSchema, TicketEvent } from "./gen/meshdesk/ticket/v1/ticket_pb.js";
import type { Api } from "./api.js";

/** State of a live stream, shown by the connection indicator. */
export type Connection = "connecting" | "live" | "reconnecting" | "offline";

/** Delay before reconnect attempt `n` (from 0): 250 ms doubling to 8 s, with jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(8_000, 250 * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

export interface LiveStreamOptions {
  filter: MessageInitShape<typeof EventFilterSchema>;
  /** Sequence to resume after; read again on every (re)connect. */
  resumeAfter: () => bigint | undefined;
  onEvent: (event: TicketEvent) => void;
  onState?: (state: Connection) => void;
  /** The server asked for a resync: reload state, then the stream resumes after `sequence`. */
  onResync?: (sequence: bigint) => Promise<void>;
  /**
   * The server ended the stream as UNAUTHENTICATED (token expired, access revoked): refresh the
   * token; resolves true when a fresh token is in place, and the stream resumes at once.
   */
  refreshToken?: () => Promise<boolean>;
}

/**
 * A Subscribe stream that never gives up: on any break it reconnects with backoff and resumes
 * after the last sequence the caller processed, so nothing is missed and nothing is reloaded.
 * It is "live" once the server says it caught up (CaughtUp, right after the replay), not at the
 * first event. When the server ends it for authentication (the token expired, or the user's
 * access changed), it refreshes the token and resumes; only a failed refresh makes it offline.
 */
export class LiveStream {
  private abort = new AbortController();
  private stopped = false;
  state: Connection = "connecting";

  constructor(private readonly api: Api, private readonly opts: LiveStreamOptions) {}

  start(): this {
    void this.run();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  /** Drops the current connection (the stream reconnects); used by tests and the network watcher. */
  reconnect(): void {
    this.abort.abort();
  }

  private setState(s: Connection): void {
    this.state = s;
    this.opts.onState?.(s);
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      this.abort = new AbortController();
      try {
        const after = this.opts.resumeAfter();
        const stream = this.api.tickets.subscribe(
          { afterSequence: after, filter: this.opts.filter },
          { signal: this.abort.signal },
        );
        for await (const res of stream) {
          attempt = 0;
          const event = res.event;
          if (!event) continue;
          if (event.payload.case === "caughtUp") {
            this.setState("live");
            continue;
          }
          if (event.payload.case === "resync") {
            await this.opts.onResync?.(event.payload.value.resumeAfterSequence);
            break;
          }
          this.opts.onEvent(event);
        }
      } catch (e) {
        if (e instanceof ConnectError && e.code === Code.Unauthenticated && !this.stopped && this.opts.refreshToken) {
          if (await this.opts.refreshToken()) continue; // resumes after the last sequence processed
        }
        if (e instanceof ConnectError && (e.code === Code.Unauthenticated || e.code === Code.PermissionDenied)) {
          this.setState("offline");
          return;
        }
      }
      if (this.stopped) break;
      this.setState("reconnecting");
      await new Promise((r) => setTimeout(r, backoffMs(attempt++)));
    }
    this.setState("offline");
  }
}
